import { describe, expect, it } from 'vitest';
import { chooseAgent, estimateWait, type AgentLoad } from './policy.js';

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

  it('estimates the wait from recent handling times and the team capacity', () => {
    const agents = [agent('ana', { capacity: 2 }), agent('bo', { capacity: 2 })];
    expect(estimateWait(2, agents, null, [100, 200, 400])).toBe(100);
    expect(estimateWait(1, [agent('ana', { status: 'offline' })], null, [100])).toBeNull();
  });
});
