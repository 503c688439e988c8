/**
 * Who gets a new conversation. Pure: the caller supplies every agent's load and the clock.
 * The atomic step (assign only while the agent is under capacity) belongs to the store; this only chooses.
 */
export interface AgentLoad {
  agentId: string;
  name: string;
  status: 'online' | 'away' | 'offline';
  capacity: number;
  /** Open conversations assigned now. */
  active: number;
  /** When the agent last received a conversation (epoch ms), or 0 if never. */
  lastAssignedAt: number;
  teamIds: string[];
}

export interface Choice {
  agentId: string;
  /** Shown in the conversation's timeline: why this agent. */
  reason: string;
}

export function freeSlots(a: AgentLoad): number {
  return Math.max(0, a.capacity - a.active);
}

/** Online, under capacity, and in the team when a team is asked for. */
export function eligible(agents: AgentLoad[], teamId: string | null): AgentLoad[] {
  return agents.filter((a) => a.status === 'online' && freeSlots(a) > 0 && (teamId === null || a.teamIds.includes(teamId)));
}

/**
 * The returning visitor's last agent when they have a free slot (sticky); otherwise the agent with the most
 * free slots, and among those the one who has waited longest since their last chat.
 */
export function chooseAgent(agents: AgentLoad[], options: { teamId?: string | null; stickyAgentId?: string | null } = {}): Choice | null {
  const pool = eligible(agents, options.teamId ?? null);
  if (!pool.length) return null;
  const sticky = options.stickyAgentId ? pool.find((a) => a.agentId === options.stickyAgentId) : undefined;
  if (sticky) return { agentId: sticky.agentId, reason: `assigned to ${sticky.name}: the visitor's previous agent` };
  const best = [...pool].sort((a, b) => freeSlots(b) - freeSlots(a) || a.lastAssignedAt - b.lastAssignedAt || a.agentId.localeCompare(b.agentId))[0]!;
  const tied = pool.filter((a) => freeSlots(a) === freeSlots(best)).length > 1;
  return {
    agentId: best.agentId,
    reason: tied
      ? `assigned to ${best.name}: most free slots (${freeSlots(best)} of ${best.capacity}), idle the longest`
      : `assigned to ${best.name}: most free slots (${freeSlots(best)} of ${best.capacity})`,
  };
}

/**
 * Where a waiting conversation stands and how long it may wait: the median recent handling time divided by
 * how many chats the eligible team can take in parallel, times the position.
 */
export function estimateWait(position: number, agents: AgentLoad[], teamId: string | null, recentHandleSeconds: number[]): number | null {
  const team = agents.filter((a) => a.status === 'online' && (teamId === null || a.teamIds.includes(teamId)));
  const parallel = team.reduce((n, a) => n + a.capacity, 0);
  if (!parallel) return null;
  const sorted = [...recentHandleSeconds].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 300;
  return Math.ceil((position * median) / parallel);
}
