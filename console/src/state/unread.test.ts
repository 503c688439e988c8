import { describe, expect, it } from 'vitest';
import { message, summary } from '../testing/fixtures.js';
import { unreadCount } from './unread.js';

describe('unreadCount', () => {
  const thread = [
    message({ seq: 1 }),
    message({ seq: 2, author: 'agent' }),
    message({ seq: 3 }),
    message({ seq: 4, author: 'agent', kind: 'note' }),
    message({ seq: 5 }),
    message({ seq: 6, author: 'system', kind: 'event' }),
  ];

  it('counts the visitor messages after what the agent side has read', () => {
    expect(unreadCount(summary({ agentReadSeq: 2 }), thread)).toBe(2);
  });

  it('ignores agent replies, notes and system lines', () => {
    expect(unreadCount(summary({ agentReadSeq: 0 }), thread)).toBe(3);
  });

  it('is zero once this console has seen the latest message, before the server confirms', () => {
    expect(unreadCount(summary({ agentReadSeq: 0 }), thread, 6)).toBe(0);
  });

  it('follows the server mark when another tab of this agent read further', () => {
    expect(unreadCount(summary({ agentReadSeq: 5 }), thread, 1)).toBe(0);
  });

  it('counts the last message of a chat whose history is not loaded yet', () => {
    const last = message({ seq: 9 });
    expect(unreadCount(summary({ agentReadSeq: 3, lastSeq: 9, lastMessage: last }), [])).toBe(1);
  });

  it('does not count the last message twice when it is also in the thread', () => {
    const last = message({ seq: 5 });
    expect(unreadCount(summary({ agentReadSeq: 4, lastSeq: 5, lastMessage: last }), thread)).toBe(1);
  });
});
