import { describe, expect, it } from 'vitest';
import { message } from '../testing/fixtures.js';
import { mergeMessages, threadItems, type OutgoingMessage } from './thread.js';

const seqs = (messages: readonly { seq: number }[]) => messages.map((m) => m.seq);

describe('mergeMessages', () => {
  it('orders the thread by seq whatever order messages arrive in', () => {
    const live = [message({ seq: 5 })];
    const history = [message({ seq: 1 }), message({ seq: 3 }), message({ seq: 2 })];
    expect(seqs(mergeMessages(live, history))).toEqual([1, 2, 3, 5]);
  });

  it('shows a message once when history and the live event both deliver it', () => {
    const first = message({ seq: 1 });
    const second = message({ seq: 2 });
    const merged = mergeMessages([first, second], [message({ seq: 2 }), message({ seq: 3 })]);
    expect(seqs(merged)).toEqual([1, 2, 3]);
  });

  it('keeps an agent message once when its ack and its broadcast carry the same clientId', () => {
    const fromAck = message({ seq: 4, author: 'agent', clientId: 'same-client-id' });
    const fromBroadcast = { ...fromAck };
    expect(mergeMessages([fromAck], [fromBroadcast])).toHaveLength(1);
  });

  it('drops duplicates inside one incoming page too', () => {
    const page = [message({ seq: 1 }), message({ seq: 1 }), message({ seq: 2 })];
    expect(seqs(mergeMessages([], page))).toEqual([1, 2]);
  });

  it('returns the same thread when nothing new arrived, so the view does not re-render', () => {
    const thread = [message({ seq: 1 })];
    expect(mergeMessages(thread, [message({ seq: 1 })])).toBe(thread);
    expect(mergeMessages(thread, [])).toBe(thread);
  });
});

describe('threadItems', () => {
  const outgoing = (clientId: string): OutgoingMessage => ({
    clientId,
    conversationId: 'conv00000001',
    body: 'on its way',
    kind: 'text',
    createdAt: 0,
    status: 'sending',
  });

  it('shows an unacknowledged send after the stored messages', () => {
    const items = threadItems([message({ seq: 1 })], [outgoing('pending-1')]);
    expect(items.map((i) => i.type)).toEqual(['message', 'outgoing']);
  });

  it('stops showing the pending copy once the stored message with its clientId is there', () => {
    const stored = message({ seq: 2, author: 'agent', clientId: 'pending-1' });
    const items = threadItems([message({ seq: 1 }), stored], [outgoing('pending-1')]);
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.type === 'message')).toBe(true);
  });
});
