import { beforeEach, describe, expect, it } from 'vitest';
import { addMessages, markFailed, mergeMessages, messages, newClientId, outbox, queueText, settle, type ChatMessage } from './messages';

const stored = (seq: number, clientId = `client-${seq}`, author: ChatMessage['author'] = 'agent'): ChatMessage => ({
  clientId,
  seq,
  conversationId: 'conv-1',
  author,
  body: `message ${seq}`,
  createdAt: seq,
});
const pending = (clientId: string): ChatMessage => ({ clientId, author: 'visitor', body: clientId, createdAt: 0 });
const view = (list: ChatMessage[]) => list.map((m) => m.seq ?? m.clientId);

describe('mergeMessages', () => {
  it('shows messages in server order whatever order they arrive in', () => {
    expect(view(mergeMessages([stored(3)], [stored(1), stored(2)]))).toEqual([1, 2, 3]);
  });

  it('shows a message once when it arrives twice (live event and resume)', () => {
    const list = mergeMessages([stored(1), stored(2)], [stored(2), stored(1)]);
    expect(view(list)).toEqual([1, 2]);
  });

  it("replaces a pending message with the server's copy when it is acknowledged", () => {
    const list = mergeMessages([stored(1), pending('mine')], [{ ...stored(2, 'mine', 'visitor') }]);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ clientId: 'mine', seq: 2 });
  });

  it('keeps pending messages after every stored one, in the order they were written', () => {
    const list = mergeMessages([pending('a'), pending('b')], [stored(5), stored(4)]);
    expect(view(list)).toEqual([4, 5, 'a', 'b']);
  });

  it('does not let a stale pending copy overwrite the stored one', () => {
    expect(mergeMessages([stored(1, 'mine', 'visitor')], [pending('mine')])[0]!.seq).toBe(1);
  });
});

describe('outbox', () => {
  beforeEach(() => {
    messages.value = [];
  });

  it('holds what the visitor wrote until the server acknowledges it', () => {
    queueText('  Hello  ');
    expect(outbox.value.map((m) => m.body)).toEqual(['Hello']);
    const [written] = outbox.value;
    settle(written!.clientId, { ...written!, seq: 1, conversationId: 'conv-1' });
    expect(outbox.value).toEqual([]);
    expect(messages.value.map((m) => m.seq)).toEqual([1]);
  });

  it('ignores blank messages', () => {
    queueText(' \n ');
    expect(messages.value).toEqual([]);
  });

  it('stops retrying a message the server refused for good, but still shows it', () => {
    addMessages([pending('bad')]);
    markFailed('bad');
    expect(outbox.value).toEqual([]);
    expect(messages.value[0]).toMatchObject({ clientId: 'bad', failed: true });
  });
});

describe('newClientId', () => {
  it('matches the server ClientId pattern and never repeats', () => {
    const ids = new Set(Array.from({ length: 50 }, newClientId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('works where crypto.randomUUID is missing (pages served over plain http)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(newClientId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
