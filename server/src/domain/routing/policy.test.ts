import { describe, expect, it } from 'vitest';
import { chooseAgent, estimateWait, orphaned, overdue, type AgentLoad } from './policy.js';

const agent = (id: string, patch: Partial<AgentLoad> = {}): AgentLoad => ({
  agentId: id,
  name: id.toUpperCase(),
  status: 'online',
  capacity: 3,
  active: 0,
  lastAssignedAt: 0,
  teamIds: [],
  ...patch,
});

describe('routing policy', () => {
  it('picks the online agent with the most free slots, and says why', () => {
    const choice = chooseAgent([agent('ana', { active: 2 }), agent('bo', { active: 1 }), agent('cy', { status: 'away' })]);
    expect(choice).toEqual({ agentId: 'bo', reason: 'assigned to BO: most free slots (2 of 3)' });
  });

  it('breaks a tie by who has been idle the longest', () => {
    const choice = chooseAgent([agent('ana', { lastAssignedAt: 2000 }), agent('bo', { lastAssignedAt: 1000 })]);
    expect(choice).toEqual({ agentId: 'bo', reason: 'assigned to BO: most free slots (3 of 3), idle the longest' });
  });

  it('never goes over capacity and queues when everyone is full or away', () => {
    expect(chooseAgent([agent('ana', { active: 3 }), agent('bo', { status: 'offline' })])).toBeNull();
  });

  it('sends a returning visitor back to their last agent when that agent has a free slot', () => {
    const agents = [agent('ana', { active: 2 }), agent('bo', { active: 0 })];
    expect(chooseAgent(agents, { stickyAgentId: 'ana' })?.agentId).toBe('ana');
    expect(chooseAgent([agent('ana', { active: 3 }), agent('bo')], { stickyAgentId: 'ana' })?.agentId).toBe('bo');
  });

  it('keeps a team conversation inside the team', () => {
    const agents = [agent('ana', { teamIds: ['sales'], active: 2 }), agent('bo', { teamIds: ['support'] })];
    expect(chooseAgent(agents, { teamId: 'sales' })?.agentId).toBe('ana');
    expect(chooseAgent([agent('bo', { teamIds: ['support'] })], { teamId: 'sales' })).toBeNull();
    // The timeline names the team; a sticky agent outside the team does not pull the chat out of it.
    expect(chooseAgent(agents, { teamId: 'sales', teamName: 'Sales', stickyAgentId: 'bo' })).toEqual({ agentId: 'ana', reason: 'assigned to ANA (Sales): most free slots (1 of 3)' });
  });

  it('estimates a team line from the team alone', () => {
    const agents = [agent('ana', { capacity: 1, teamIds: ['sales'] }), agent('bo', { capacity: 9 })];
    expect(estimateWait(1, agents, 'sales', [60])).toBe(60);
    expect(estimateWait(1, agents, null, [60])).toBe(6);
  });

  it('estimates the wait from recent handling times and the team capacity', () => {
    const agents = [agent('ana', { capacity: 2 }), agent('bo', { capacity: 2 })];
    expect(estimateWait(2, agents, null, [100, 200, 400])).toBe(100);
    expect(estimateWait(1, [agent('ana', { status: 'offline' })], null, [100])).toBeNull();
  });

  describe('SLA (fake clock)', () => {
    const t0 = 1_700_000_000_000;
    const chat = (patch: { assigneeId?: string | null; assignedAt?: number | null; awaitingSince?: number | null }) => ({ id: 'c', assigneeId: 'ana', assignedAt: t0, awaitingSince: t0, ...patch });

    it('flags a chat whose visitor has waited past the SLA for the agent who has had it that long', () => {
      expect(overdue([chat({})], 60, t0 + 59_999)).toEqual([]);
      expect(overdue([chat({})], 60, t0 + 60_000)).toHaveLength(1);
    });

    it('gives an agent who just received a chat a full period, whatever the visitor waited before', () => {
      expect(overdue([chat({ awaitingSince: t0 - 600_000, assignedAt: t0 })], 60, t0 + 30_000)).toEqual([]);
    });

    it('leaves answered, queued and SLA-less chats alone', () => {
      expect(overdue([chat({ awaitingSince: null }), chat({ assigneeId: null, assignedAt: null })], 60, t0 + 3_600_000)).toEqual([]);
      expect(overdue([chat({})], 0, t0 + 3_600_000)).toEqual([]);
    });
  });

  describe('offline requeue (fake clock)', () => {
    it('requeues the chats of an agent connected nowhere for the whole grace period, not before', () => {
      const since = new Map<string, number>();
      expect(orphaned(['ana', 'bo'], new Set(['bo']), since, 1000, 60_000)).toEqual([]);
      expect(orphaned(['ana', 'bo'], new Set(['bo']), since, 60_999, 60_000)).toEqual([]);
      expect(orphaned(['ana', 'bo'], new Set(['bo']), since, 61_000, 60_000)).toEqual(['ana']);
    });

    it('starts the grace period over when the agent comes back in between', () => {
      const since = new Map<string, number>();
      orphaned(['ana'], new Set(), since, 0, 60_000);
      orphaned(['ana'], new Set(['ana']), since, 30_000, 60_000);
      expect(orphaned(['ana'], new Set(), since, 70_000, 60_000)).toEqual([]);
      expect(orphaned(['ana'], new Set(), since, 130_000, 60_000)).toEqual(['ana']);
    });
  });
});
