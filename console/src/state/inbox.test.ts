import { describe, expect, it } from 'vitest';
import { message, summary } from '../testing/fixtures.js';
import { filterByTeam, mergeSummary, partitionInbox, teamsIn } from './inbox.js';

const me = 'agent0000001';

describe('partitionInbox', () => {
  it('puts my open chats in My chats and unassigned open chats in the Queue', () => {
    const mine = summary({ assigneeId: me });
    const queued = summary();
    const someoneElse = summary({ assigneeId: 'agent0000002' });
    const closed = summary({ assigneeId: me, status: 'resolved' });
    const { mine: m, queue: q } = partitionInbox([mine, queued, someoneElse, closed], me);
    expect(m.map((s) => s.id)).toEqual([mine.id]);
    expect(q.map((s) => s.id)).toEqual([queued.id]);
  });

  it('lists the queue longest-waiting first', () => {
    const late = summary({ createdAt: 3_000 });
    const early = summary({ createdAt: 1_000 });
    const middle = summary({ createdAt: 2_000 });
    expect(partitionInbox([late, early, middle], me).queue.map((s) => s.createdAt)).toEqual([1_000, 2_000, 3_000]);
  });

  it('lists my chats with the most recent activity first', () => {
    const quiet = summary({ assigneeId: me, updatedAt: 1_000 });
    const busy = summary({ assigneeId: me, updatedAt: 1_000, lastMessage: message({ seq: 1, createdAt: 9_000 }) });
    expect(partitionInbox([quiet, busy], me).mine.map((s) => s.id)).toEqual([busy.id, quiet.id]);
  });
});

describe('mergeSummary', () => {
  it('keeps the newer preview when a late update crosses a live message', () => {
    const known = summary({ lastSeq: 7, lastMessage: message({ seq: 7, body: 'newest' }) });
    const late = { ...known, lastSeq: 6, lastMessage: message({ seq: 6, body: 'older' }), assigneeId: me };
    const merged = mergeSummary(known, late);
    expect(merged.lastMessage?.body).toBe('newest');
    expect(merged.assigneeId).toBe(me);
  });

  it('never moves read ticks backwards', () => {
    const known = summary({ visitorReadSeq: 5, agentReadSeq: 4 });
    const merged = mergeSummary(known, { ...known, visitorReadSeq: 3, agentReadSeq: 2 });
    expect([merged.visitorReadSeq, merged.agentReadSeq]).toEqual([5, 4]);
  });

  it('takes status changes from the update', () => {
    const known = summary({ assigneeId: me });
    expect(mergeSummary(known, { ...known, status: 'resolved' }).status).toBe('resolved');
  });
});

describe('left messages and teams', () => {
  it('keeps pending chats out of the queue and My chats, oldest first', () => {
    const queued = summary();
    const late = summary({ status: 'pending', createdAt: 5_000, visitorEmail: 'b@example.com' });
    const early = summary({ status: 'pending', createdAt: 1_000, visitorEmail: 'a@example.com' });
    const lists = partitionInbox([queued, late, early], me);
    expect(lists.queue.map((s) => s.id)).toEqual([queued.id]);
    expect(lists.pending.map((s) => s.visitorEmail)).toEqual(['a@example.com', 'b@example.com']);
    expect(lists.mine).toEqual([]);
  });

  it('lists the teams present and filters by one, falling back to all when it left', () => {
    const sales = summary({ teamId: 'team00000001', teamName: 'Sales' });
    const support = summary({ teamId: 'team00000002', teamName: 'Support' });
    const none = summary();
    expect(teamsIn([support, none, sales])).toEqual([
      { id: 'team00000001', name: 'Sales' },
      { id: 'team00000002', name: 'Support' },
    ]);
    expect(filterByTeam([sales, support, none], 'team00000002').map((s) => s.id)).toEqual([support.id]);
    expect(filterByTeam([sales, none], 'team00000002')).toHaveLength(2);
    expect(filterByTeam([sales, none], null)).toHaveLength(2);
  });
});
