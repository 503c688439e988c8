import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message, summary } from '../../testing/fixtures.js';
import { addMessages, outbox, putOutgoing, resetMessages } from '../../state/messages.js';
import { setVisitorTyping, resetTyping } from '../../state/typing.js';

vi.mock('../../state/realtime.js', () => ({ retryMessage: vi.fn() }));
const { Thread } = await import('./Thread.js');

const chat = summary({ id: 'chatAAAAAAAA', visitorReadSeq: 2 });
let root: HTMLElement;

const rendered = () =>
  [...root.querySelectorAll<HTMLElement>('[data-test=message]')].map((m) => ({
    author: m.dataset.author,
    seq: m.dataset.seq,
    body: m.querySelector('[data-test=body]')?.textContent,
  }));

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetMessages();
  resetTyping();
});

function show(conversation = chat) {
  act(() => render(<Thread conversation={conversation} />, root));
}

describe('Thread', () => {
  it('shows messages in seq order with their author', () => {
    addMessages(chat.id, [message({ seq: 2, author: 'agent', body: 'Hello!' }), message({ seq: 1, body: 'Hi' })]);
    show();
    expect(rendered()).toEqual([
      { author: 'visitor', seq: '1', body: 'Hi' },
      { author: 'agent', seq: '2', body: 'Hello!' },
    ]);
  });

  it('shows a send at once and confirms it in place when the server stores it', () => {
    show();
    act(() =>
      putOutgoing({ clientId: 'client-abc-123', conversationId: chat.id, body: 'On it', kind: 'text', createdAt: 0, status: 'sending' }),
    );
    expect(rendered()).toEqual([{ author: 'agent', seq: undefined, body: 'On it' }]);
    act(() => addMessages(chat.id, [message({ seq: 3, author: 'agent', clientId: 'client-abc-123', body: 'On it' })]));
    expect(rendered()).toEqual([{ author: 'agent', seq: '3', body: 'On it' }]);
    expect(outbox.value[chat.id]).toEqual([]);
  });

  it('labels internal notes', () => {
    addMessages(chat.id, [message({ seq: 1, author: 'agent', kind: 'note', body: 'Refund approved' })]);
    show();
    expect(root.querySelector('[data-test=message]')!.textContent).toContain('Internal note');
  });

  it('marks agent replies the visitor has read', () => {
    addMessages(chat.id, [message({ seq: 2, author: 'agent' }), message({ seq: 3, author: 'agent' })]);
    show();
    const ticks = [...root.querySelectorAll('.message__tick')].map((t) => t.classList.contains('is-read'));
    expect(ticks).toEqual([true, false]);
  });

  it('tells sent, delivered and read apart on the agent’s replies, in words for screen readers', () => {
    addMessages(chat.id, [message({ seq: 2, author: 'agent' }), message({ seq: 3, author: 'agent' }), message({ seq: 4, author: 'agent' })]);
    show({ ...chat, visitorReadSeq: 2, visitorDeliveredSeq: 3 });
    const receipts = [...root.querySelectorAll<HTMLElement>('[data-part=receipt]')];
    expect(receipts.map((r) => r.dataset.receipt)).toEqual(['read', 'delivered', 'sent']);
    expect(receipts.map((r) => r.querySelector('.visually-hidden')!.textContent)).toEqual(['Read', 'Delivered', 'Sent']);
    // The visitor's device reports it later: the same message moves on in place.
    show({ ...chat, visitorReadSeq: 2, visitorDeliveredSeq: 4 });
    expect(root.querySelectorAll<HTMLElement>('[data-part=receipt]')[2]!.dataset.receipt).toBe('delivered');
  });

  it('shows the typing indicator only while the visitor types', () => {
    show();
    expect(root.querySelector('[data-test=typing]')).toBeNull();
    act(() => setVisitorTyping(chat.id, true));
    expect(root.querySelector('[data-test=typing]')).not.toBeNull();
    act(() => setVisitorTyping(chat.id, false));
    expect(root.querySelector('[data-test=typing]')).toBeNull();
  });

  it('is announced politely to screen readers as a log', () => {
    show();
    const log = root.querySelector('[data-test=thread]')!;
    expect([log.getAttribute('role'), log.getAttribute('aria-live')]).toEqual(['log', 'polite']);
  });

  it('shows the visitor’s draft as plain text, never as markup, and drops it when typing stops', () => {
    show();
    act(() => setVisitorTyping(chat.id, true, '<img src=x onerror="alert(1)"> <b>where</b> is my order'));
    const preview = root.querySelector<HTMLElement>('[data-part=typing-preview]')!;
    expect(preview.textContent).toBe('typing: <img src=x onerror="alert(1)"> <b>where</b> is my order');
    expect(preview.querySelector('img, b')).toBeNull();
    expect(preview.closest('[aria-live]')).toBeNull();
    act(() => setVisitorTyping(chat.id, false));
    expect(root.querySelector('[data-part=typing-preview]')).toBeNull();
  });

  it('shows only the plain indicator when the site sends no draft', () => {
    show();
    act(() => setVisitorTyping(chat.id, true));
    expect(root.querySelector('[data-test=typing]')).not.toBeNull();
    expect(root.querySelector('[data-part=typing-preview]')).toBeNull();
    act(() => setVisitorTyping(chat.id, true, 'Hel'));
    act(() => setVisitorTyping(chat.id, true, ''));
    expect(root.querySelector('[data-part=typing-preview]')).toBeNull();
  });
});
