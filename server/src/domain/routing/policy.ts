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
export function chooseAgent(
  agents: AgentLoad[],
  options: { teamId?: string | null; teamName?: string | null; stickyAgentId?: string | null } = {},
): Choice | null {
  const pool = eligible(agents, options.teamId ?? null);
  if (!pool.length) return null;
  const to = (a: AgentLoad) => (options.teamId && options.teamName ? `assigned to ${a.name} (${options.teamName})` : `assigned to ${a.name}`);
  const sticky = options.stickyAgentId ? pool.find((a) => a.agentId === options.stickyAgentId) : undefined;
  if (sticky) return { agentId: sticky.agentId, reason: `${to(sticky)}: the visitor's previous agent` };
  const best = [...pool].sort((a, b) => freeSlots(b) - freeSlots(a) || a.lastAssignedAt - b.lastAssignedAt || a.agentId.localeCompare(b.agentId))[0]!;
  const tied = pool.filter((a) => freeSlots(a) === freeSlots(best)).length > 1;
  return {
    agentId: best.agentId,
    reason: tied
      ? `${to(best)}: most free slots (${freeSlots(best)} of ${best.capacity}), idle the longest`
      : `${to(best)}: most free slots (${freeSlots(best)} of ${best.capacity})`,
  };
}

/**
 * Which assigned chats broke the site's SLA at `now`: the visitor has waited for a reply longer than
 * `slaSeconds`, and the agent has had the chat at least that long (a chat just handed over gets a full period).
 */
export function overdue<C extends { assigneeId: string | null; assignedAt: number | null; awaitingSince: number | null }>(conversations: C[], slaSeconds: number, now: number): C[] {
  if (slaSeconds <= 0) return [];
  const cutoff = now - slaSeconds * 1000;
  return conversations.filter((c) => c.assigneeId !== null && c.awaitingSince !== null && c.awaitingSince <= cutoff && c.assignedAt !== null && c.assignedAt <= cutoff);
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

/**
 * Agents holding chats while connected nowhere: `since` remembers when each was first seen away (the caller
 * keeps it between sweeps). Those gone for `graceMs` or longer are due to have their chats requeued.
 */
export function orphaned(holders: string[], online: ReadonlySet<string>, since: Map<string, number>, now: number, graceMs: number): string[] {
  for (const id of [...since.keys()]) if (online.has(id) || !holders.includes(id)) since.delete(id);
  const due: string[] = [];
  for (const id of holders) {
    if (online.has(id)) continue;
    const first = since.get(id) ?? now;
    since.set(id, first);
    if (now - first >= graceMs) due.push(id);
  }
  return due;
}
