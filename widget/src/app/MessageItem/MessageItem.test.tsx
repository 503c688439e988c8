import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import '../../i18n/panel';
import type { ChatMessage } from '../../state/messages';
import { MessageItem } from './MessageItem';

let root: HTMLElement;
beforeEach(() => {
  setLanguage('en');
  root = document.createElement('ol');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const mine = (over: Partial<ChatMessage> = {}): ChatMessage => ({ clientId: 'k1', body: 'Hello', author: 'visitor', createdAt: 1, seq: 3, conversationId: 'c1', ...over });
const status = (m: ChatMessage, read: number, delivered: number) => {
  act(() => render(<MessageItem message={m} agentReadSeq={read} agentDeliveredSeq={delivered} />, root));
  const el = root.querySelector('[data-part=status]')!;
  return [root.querySelector('li')!.dataset.state, el.getAttribute('aria-label'), el.textContent];
};

describe('status of the visitor’s own messages', () => {
  it('goes sending → sent → delivered → read, in words as well as ticks', () => {
    expect(status(mine({ seq: undefined }), 0, 0)).toEqual(['pending', 'Sending', ' ◷Sending']);
    expect(status(mine(), 2, 2)).toEqual(['sent', 'Sent', ' ✓Sent']);
    expect(status(mine(), 2, 3)).toEqual(['delivered', 'Delivered', ' ✓✓Delivered']);
    expect(status(mine(), 3, 3)).toEqual(['read', 'Read', ' ✓✓Read']);
    expect(status(mine({ failed: true, seq: undefined }), 0, 0)).toEqual(['failed', 'Not sent', ' !Not sent']);
  });
  it('says it in words on the latest message only, unless it is not sent or still on its way', () => {
    const shown = (m: ChatMessage) => {
      act(() => render(<MessageItem message={m} agentReadSeq={3} agentDeliveredSeq={3} word={false} />, root));
      const el = root.querySelector('[data-part=status]')!;
      return [el.getAttribute('aria-label'), el.textContent];
    };
    expect(shown(mine())).toEqual(['Read', ' ✓✓']);
    expect(shown(mine({ seq: undefined }))).toEqual(['Sending', ' ◷Sending']);
    expect(shown(mine({ failed: true, seq: undefined }))).toEqual(['Not sent', ' !Not sent']);
  });

  it('speaks French', () => {
    setLanguage('fr');
    expect(status(mine(), 2, 3)[1]).toBe('Distribué');
    setLanguage('en');
  });
});

describe('links', () => {
  it('makes http(s) and mailto links anchors that open apart, and leaves the rest as text', () => {
    const body = 'See https://shop.example/a?b=1, mail mailto:help@shop.example or javascript:alert(1) <img src=x onerror=alert(1)>';
    act(() => render(<MessageItem message={{ clientId: 'k', body, author: 'agent', createdAt: 1, seq: 1 }} agentReadSeq={0} />, root));
    const anchors = Array.from(root.querySelectorAll('a'));
    expect(anchors.map((a) => [a.getAttribute('href'), a.rel, a.target])).toEqual([
      ['https://shop.example/a?b=1', 'noopener noreferrer nofollow', '_blank'],
      ['mailto:help@shop.example', 'noopener noreferrer nofollow', '_blank'],
    ]);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('[data-part=body]')!.textContent).toBe(body);
  });
});
