import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message, summary } from '../../testing/fixtures.js';
import { queueTeamFilter, replaceInbox, resetConversations, setLocalRead, totalUnread, upsertSummary } from '../../state/conversations.js';
import { markAssigned, resetAssigned } from '../../state/assigned.js';
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
  resetAssigned();
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

  it('shows each queued chat’s team and filters the queue with one chip per team present', () => {
    const sales = summary({ id: 'salesAAAAAAA', teamId: 'team00000001', teamName: 'Sales', createdAt: 1 });
    const support = summary({ id: 'suppoBBBBBBB', teamId: 'team00000002', teamName: 'Support', createdAt: 2 });
    const general = summary({ id: 'generCCCCCCC', createdAt: 3 });
    replaceInbox([sales, support, general]);
    act(() => render(<ConversationList />, root));
    const teamOf = (id: string) => root.querySelector(`[data-test=queue] [data-id=${id}] [data-part=team]`)?.textContent ?? null;
    expect(teamOf(sales.id)).toBe('Sales');
    expect(teamOf(general.id)).toBeNull();

    const chips = () => [...root.querySelectorAll<HTMLButtonElement>('[data-part=team-chip]')];
    expect(chips().map((c) => c.textContent)).toEqual(['All', 'Sales', 'Support']);
    expect(chips()[0]!.getAttribute('aria-pressed')).toBe('true');

    act(() => chips()[2]!.click());
    expect(rows('queue').map((r) => r.id)).toEqual([support.id]);
    expect(chips()[2]!.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector('[data-test=queue] .conversation-list__count')!.textContent).toBe('3');

    // Someone takes the last Support chat: the filter falls back to All instead of showing nothing.
    act(() => void upsertSummary({ ...support, assigneeId: 'agent0000002' }));
    expect(rows('queue').map((r) => r.id)).toEqual([sales.id, general.id]);
    act(() => chips()[0]!.click());
    expect(queueTeamFilter.value).toBeNull();
  });

  it('lists left messages apart, with the visitor’s email', () => {
    const left = summary({ id: 'leftAAAAAAAA', status: 'pending', visitorName: 'Zoé', visitorEmail: 'zoe@example.com' });
    const anonymous = summary({ id: 'leftBBBBBBBB', status: 'pending', createdAt: 1_800_000_000_000 });
    replaceInbox([left, anonymous, summary({ id: 'queueCCCCCCC' })]);
    act(() => render(<ConversationList />, root));
    const pending = root.querySelector<HTMLElement>('[data-part=pending-list]')!;
    const items = [...pending.querySelectorAll<HTMLElement>('[data-test=conversation-item]')];
    expect(items.map((i) => i.dataset.id)).toEqual([left.id, anonymous.id]);
    expect(items[0]!.querySelector('[data-part=email]')!.textContent).toBe('zoe@example.com');
    expect(items[1]!.querySelector('[data-part=email]')!.textContent).toBe('No email left');
    expect(rows('queue').map((r) => r.id)).toEqual(['queueCCCCCCC']);

    // The visitor writes again or an agent replies: it leaves the left messages.
    act(() => void upsertSummary({ ...left, status: 'open', assigneeId: me.id }));
    expect([...pending.querySelectorAll<HTMLElement>('[data-test=conversation-item]')].map((i) => i.dataset.id)).toEqual([anonymous.id]);
    expect(rows('mine').map((r) => r.id)).toEqual([left.id]);
  });

  it('counts chats newly assigned to me on the My chats heading while they are mine', () => {
    const a = summary({ id: 'mineAAAAAAAA', assigneeId: me.id });
    const b = summary({ id: 'mineBBBBBBBB', assigneeId: me.id });
    replaceInbox([a, b]);
    act(() => render(<ConversationList />, root));
    expect(root.querySelector('[data-part=assigned-badge]')).toBeNull();
    act(() => {
      markAssigned(a.id);
      markAssigned(b.id);
    });
    expect(root.querySelector('[data-test=mine] [data-part=assigned-badge]')!.textContent).toBe('2');
    act(() => void upsertSummary({ ...b, assigneeId: 'agent0000002' }));
    expect(root.querySelector('[data-part=assigned-badge]')!.textContent).toBe('1');
  });

  it('shows a visitor name inside an isolating element, so a bidi override cannot reorder the row', () => {
    const spoofed = 'Mal \u202Egnp.exe';
    replaceInbox([summary({ id: 'queueBIDI001', visitorName: spoofed })]);
    act(() => render(<ConversationList />, root));
    const name = [...root.querySelectorAll('[data-test=conversation-item] *')].find((el) => el.children.length === 0 && el.textContent === spoofed);
    expect(name?.closest('bdi, [dir=auto]')).toBeTruthy();
  });
});
