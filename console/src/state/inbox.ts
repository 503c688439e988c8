import type { ConversationSummary } from '@causette/shared';

export function isOpen(summary: ConversationSummary): boolean {
  return summary.status !== 'resolved';
}

/** Open and unassigned: the Queue. */
export function isQueued(summary: ConversationSummary): boolean {
  return isOpen(summary) && summary.assigneeId === null;
}

export function isMine(summary: ConversationSummary, agentId: string | undefined): boolean {
  return isOpen(summary) && agentId !== undefined && summary.assigneeId === agentId;
}

/** My chats, most recent activity first; the queue, longest waiting first. */
export function partitionInbox(
  summaries: Iterable<ConversationSummary>,
  agentId: string | undefined,
): { mine: ConversationSummary[]; queue: ConversationSummary[] } {
  const mine: ConversationSummary[] = [];
  const queue: ConversationSummary[] = [];
  for (const summary of summaries) {
    if (isMine(summary, agentId)) mine.push(summary);
    else if (isQueued(summary)) queue.push(summary);
  }
  mine.sort((a, b) => activityOf(b) - activityOf(a) || a.id.localeCompare(b.id));
  queue.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { mine, queue };
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
