import type { ConversationSummary } from '@causette/shared';

export function isOpen(summary: ConversationSummary): boolean {
  return summary.status !== 'resolved';
}

/** Open and unassigned: the Queue. */
export function isQueued(summary: ConversationSummary): boolean {
  return summary.status === 'open' && summary.assigneeId === null;
}

/** A message left while nobody was online; it opens when an agent replies or the visitor writes again. */
export function isPending(summary: ConversationSummary): boolean {
  return summary.status === 'pending';
}

/** Chats this agent's inbox shows: theirs, the queue, and left messages. */
export function isInInbox(summary: ConversationSummary, agentId: string | undefined): boolean {
  return isMine(summary, agentId) || isQueued(summary) || isPending(summary);
}

export function isMine(summary: ConversationSummary, agentId: string | undefined): boolean {
  return isOpen(summary) && agentId !== undefined && summary.assigneeId === agentId;
}

export interface InboxLists {
  mine: ConversationSummary[];
  queue: ConversationSummary[];
  pending: ConversationSummary[];
}

/** My chats, most recent activity first; the queue and left messages, longest waiting first. */
export function partitionInbox(summaries: Iterable<ConversationSummary>, agentId: string | undefined): InboxLists {
  const mine: ConversationSummary[] = [];
  const queue: ConversationSummary[] = [];
  const pending: ConversationSummary[] = [];
  for (const summary of summaries) {
    // A left message stays with the left messages even if it names an agent, until it opens again.
    if (isPending(summary)) pending.push(summary);
    else if (isMine(summary, agentId)) mine.push(summary);
    else if (isQueued(summary)) queue.push(summary);
  }
  const oldestFirst = (a: ConversationSummary, b: ConversationSummary) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  mine.sort((a, b) => activityOf(b) - activityOf(a) || a.id.localeCompare(b.id));
  queue.sort(oldestFirst);
  pending.sort(oldestFirst);
  return { mine, queue, pending };
}

/** The teams present in a list, by name, for the queue's filter chips. */
export function teamsIn(summaries: readonly ConversationSummary[]): { id: string; name: string }[] {
  const found = new Map<string, string>();
  for (const summary of summaries) if (summary.teamId) found.set(summary.teamId, summary.teamName ?? summary.teamId);
  return [...found].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** `null` is All; a team no longer present in the list also shows All rather than an empty queue. */
export function filterByTeam(summaries: readonly ConversationSummary[], teamId: string | null): ConversationSummary[] {
  if (teamId === null || !summaries.some((s) => s.teamId === teamId)) return [...summaries];
  return summaries.filter((s) => s.teamId === teamId);
}

function activityOf(summary: ConversationSummary): number {
  return Math.max(summary.updatedAt, summary.lastMessage?.createdAt ?? 0);
}

/**
 * Applies a server update to what this console knows. Updates can cross a live message on the wire, so the
 * newest last message and the furthest read marks win; status and assignment come from the update.
 */
export function mergeSummary(known: ConversationSummary | undefined, update: ConversationSummary): ConversationSummary {
  if (!known) return update;
  const keepLast = known.lastSeq > update.lastSeq;
  return {
    ...update,
    lastSeq: keepLast ? known.lastSeq : update.lastSeq,
    lastMessage: keepLast ? known.lastMessage : update.lastMessage,
    updatedAt: Math.max(known.updatedAt, update.updatedAt),
    agentReadSeq: Math.max(known.agentReadSeq, update.agentReadSeq),
    visitorReadSeq: Math.max(known.visitorReadSeq, update.visitorReadSeq),
  };
}
