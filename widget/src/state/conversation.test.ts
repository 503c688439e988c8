import type { VisitorConversation } from '@causette/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { acceptConversation, conversation, readAll, setAgentReadSeq, unread, visitorRead } from './conversation';
import { messages, type ChatMessage } from './messages';

const conv = (id: string, createdAt: number, extra: Partial<VisitorConversation> = {}): VisitorConversation => ({
  id,
  status: 'open',
  agent: null,
  lastSeq: 0,
  agentReadSeq: 0, agentDeliveredSeq: 0, rating: null,
  visitorReadSeq: 0,
  queue: null,
  createdAt,
  ...extra,
});
const msg = (conversationId: string, seq: number, author: ChatMessage['author']): ChatMessage => ({
  clientId: `${conversationId}-${seq}`,
  conversationId,
  seq,
  author,
  body: '',
  createdAt: 0,
});

beforeEach(() => {
  conversation.value = null;
  visitorRead.value = null;
  messages.value = [];
});

describe('unread badge', () => {
  it('counts agent messages the visitor has not read, and none once read', () => {
    acceptConversation(conv('c1', 1));
    messages.value = [msg('c1', 1, 'visitor'), msg('c1', 2, 'agent'), msg('c1', 3, 'agent')];
    expect(unread.value).toBe(2);
    readAll();
    expect(visitorRead.value).toEqual({ c: 'c1', s: 3 });
    expect(unread.value).toBe(0);
    messages.value = [...messages.value, msg('c1', 4, 'agent')];
    expect(unread.value).toBe(1);
  });

  it('counts nothing the visitor already read elsewhere (another device or an earlier visit, as the server says)', () => {
    acceptConversation(conv('c1', 1, { visitorReadSeq: 2 }));
    messages.value = [msg('c1', 1, 'visitor'), msg('c1', 2, 'agent'), msg('c1', 3, 'agent')];
    expect(unread.value).toBe(1);
  });

  it("does not count the visitor's own messages", () => {
    acceptConversation(conv('c1', 1));
    messages.value = [msg('c1', 1, 'visitor'), msg('c1', 2, 'visitor')];
    expect(unread.value).toBe(0);
  });
});

describe('acceptConversation', () => {
  it('starts a fresh thread when a new conversation begins, keeping what is still unsent', () => {
    acceptConversation(conv('old', 1, { status: 'resolved' }));
    const unsent: ChatMessage = { clientId: 'unsent', author: 'visitor', body: 'hi', createdAt: 0 };
    messages.value = [msg('old', 1, 'visitor'), msg('old', 2, 'agent'), unsent];
    acceptConversation(conv('new', 2));
    expect(conversation.value?.id).toBe('new');
    expect(messages.value).toEqual([unsent]);
  });

  it('ignores news about an older conversation', () => {
    acceptConversation(conv('new', 2));
    acceptConversation(conv('old', 1, { status: 'resolved' }));
    expect(conversation.value?.id).toBe('new');
  });

  it('moves read ticks forward only', () => {
    acceptConversation(conv('c1', 1, { agentReadSeq: 4 }));
    setAgentReadSeq('c1', 2);
    expect(conversation.value?.agentReadSeq).toBe(4);
    setAgentReadSeq('c1', 6);
    expect(conversation.value?.agentReadSeq).toBe(6);
  });
});
