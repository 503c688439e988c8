import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message, summary } from '../../testing/fixtures.js';
import { replaceInbox, resetConversations, setLocalRead, totalUnread, upsertSummary } from '../../state/conversations.js';
import { addMessages, resetMessages } from '../../state/messages.js';
import { currentAgent } from '../../state/session.js';
import { ConversationList } from './ConversationList.js';

const me = { id: 'agent0000001', name: 'Ana' } as Agent;
let root: HTMLElement;

const rows = (section: 'mine' | 'queue') =>
  [...root.querySelectorAll<HTMLElement>(`[data-test=${section}] [data-test=conversation-item]`)].map((row) => ({
    id: row.dataset.id,
    unread: row.querySelector('[data-test=unread]')?.textContent ?? null,
  }));

beforeEach(() => {
  currentAgent.value = me;
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetConversations();
  resetMessages();
  currentAgent.value = null;
});

describe('ConversationList', () => {
  it('shows my chats and the queue with unread badges counted from visitor messages', () => {
    const mine = summary({ id: 'mineAAAAAAAA', assigneeId: me.id, agentReadSeq: 1, lastSeq: 3 });
    const queued = summary({ id: 'queueBBBBBBB', lastSeq: 1, lastMessage: message({ seq: 1, conversationId: 'queueBBBBBBB' }) });
    replaceInbox([mine, queued]);
    addMessages(mine.id, [
      message({ seq: 1, conversationId: mine.id }),
      message({ seq: 2, conversationId: mine.id }),
      message({ seq: 3, conversationId: mine.id, author: 'agent' }),
    ]);
    act(() => render(<ConversationList />, root));
    expect(rows('mine')).toEqual([{ id: mine.id, unread: '1' }]);
    expect(rows('queue')).toEqual([{ id: queued.id, unread: '1' }]);
    expect(totalUnread.value).toBe(2);
  });

  it('clears the badge once the agent has seen the chat', () => {
    const mine = summary({ id: 'mineAAAAAAAA', assigneeId: me.id, lastSeq: 2 });
    replaceInbox([mine]);
    addMessages(mine.id, [message({ seq: 1, conversationId: mine.id }), message({ seq: 2, conversationId: mine.id })]);
    act(() => render(<ConversationList />, root));
    expect(rows('mine')[0]!.unread).toBe('2');
    act(() => setLocalRead(mine.id, 2));
    expect(rows('mine')[0]!.unread).toBeNull();
  });

  it('moves a chat from the queue to My chats when I take it', () => {
    const queued = summary({ id: 'queueBBBBBBB' });
    replaceInbox([queued]);
    act(() => render(<ConversationList />, root));
    expect(rows('queue').map((r) => r.id)).toEqual([queued.id]);
    act(() => void upsertSummary({ ...queued, assigneeId: me.id, assigneeName: me.name }));
    expect(rows('queue')).toEqual([]);
    expect(rows('mine').map((r) => r.id)).toEqual([queued.id]);
  });

  it('drops a chat another agent took from my queue', () => {
    const queued = summary({ id: 'queueBBBBBBB' });
    replaceInbox([queued]);
    act(() => render(<ConversationList />, root));
    act(() => void upsertSummary({ ...queued, assigneeId: 'agent0000002', assigneeName: 'Bo' }));
    expect(rows('queue')).toEqual([]);
    expect(rows('mine')).toEqual([]);
  });
});
