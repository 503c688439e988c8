import { describe, expect, it } from 'vitest';
import { chooseAgent, estimateWait, planAssignments, type AgentLoad } from './policy.js';

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
  });

  it('spreads 50 simultaneous chats over 5 agents of capacity 3 without exceeding it, the rest queued in order', () => {
    const agents = ['a', 'b', 'c', 'd', 'e'].map((id) => agent(id));
    const queue = Array.from({ length: 50 }, (_, i) => ({ conversationId: `c${i}`, teamId: null, stickyAgentId: null }));
    const { assigned, queued } = planAssignments(queue, agents, 1000);
    const perAgent = new Map<string, number>();
    for (const a of assigned) perAgent.set(a.agentId, (perAgent.get(a.agentId) ?? 0) + 1);
    expect(assigned).toHaveLength(15);
    expect([...perAgent.values()]).toEqual([3, 3, 3, 3, 3]);
    expect(queued).toEqual(Array.from({ length: 35 }, (_, i) => `c${i + 15}`));
    // Fair: the first five chats went to five different agents.
    expect(new Set(assigned.slice(0, 5).map((a) => a.agentId)).size).toBe(5);
  });

  it('estimates the wait from recent handling times and the team capacity', () => {
    const agents = [agent('ana', { capacity: 2 }), agent('bo', { capacity: 2 })];
    expect(estimateWait(2, agents, null, [100, 200, 400])).toBe(100);
    expect(estimateWait(1, [agent('ana', { status: 'offline' })], null, [100])).toBeNull();
  });
});
