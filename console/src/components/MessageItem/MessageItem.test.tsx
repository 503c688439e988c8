import { render } from 'preact';
import { act } from 'preact/test-utils';
import { linkify } from '@causette/shared/linkify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message } from '../../testing/fixtures.js';
import { MessageItem } from './MessageItem.js';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe('MessageItem', () => {
  // The widget's Linked.test.tsx renders the same text: both clients show one message the same way.
  it('links http(s) and mailto: exactly as the shared linkify (and so the widget) does', () => {
    const text = 'Mail mailto:help@shop.example or see https://shop.example/help.';
    act(() => render(<MessageItem message={message({ seq: 6, author: 'visitor', body: text })} visitorReadSeq={0} agentId="agent0000001" />, root));
    const anchors = [...root.querySelectorAll<HTMLAnchorElement>('[data-test=body] a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(anchors).toEqual([
      ['mailto:help@shop.example', 'mailto:help@shop.example'],
      ['https://shop.example/help', 'https://shop.example/help'],
    ]);
    expect(anchors).toEqual(linkify(text).filter((p) => p.href).map((p) => [p.text, p.href]));
    expect(root.querySelector('[data-test=body]')!.textContent).toBe(text);
  });

  it('shows a chat event as a centred timeline line, not a bubble', () => {
    const joined = message({ seq: 5, author: 'system', kind: 'event', body: 'Dora joined the chat' });
    act(() => render(<MessageItem message={joined} visitorReadSeq={0} agentId="agent0000001" />, root));
    const line = root.querySelector<HTMLElement>('[data-test=message]')!;
    expect(line.classList.contains('message--centre')).toBe(true);
    expect(line.classList.contains('message--event')).toBe(true);
    expect(line.querySelector('[data-test=body]')!.textContent).toBe('Dora joined the chat');
    expect(line.querySelector('time')).not.toBeNull();
  });

  it('shows the transfer note as an internal note with its author', () => {
    const note = message({ seq: 4, author: 'agent', authorId: 'agent0000002', authorName: 'Marc', kind: 'note', body: 'Transferred to Dora: refund' });
    act(() => render(<MessageItem message={note} visitorReadSeq={0} agentId="agent0000001" />, root));
    const bubble = root.querySelector<HTMLElement>('[data-test=message]')!;
    expect(bubble.classList.contains('message--note')).toBe(true);
    expect(bubble.textContent).toContain('Internal note');
    expect(bubble.textContent).toContain('Marc');
  });

  it('keeps a system note in the note style', () => {
    const note = message({ seq: 6, author: 'system', kind: 'note', body: 'Reassigned' });
    act(() => render(<MessageItem message={note} visitorReadSeq={0} agentId={undefined} />, root));
    const bubble = root.querySelector<HTMLElement>('[data-test=message]')!;
    expect(bubble.classList.contains('message--note')).toBe(true);
    expect(bubble.classList.contains('message--centre')).toBe(false);
  });
});
