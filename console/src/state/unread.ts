import type { ConversationSummary, Message } from '@causette/shared';

/** What this agent has read: the server's read mark, or further if this console saw more since. */
export function readSeqOf(summary: Pick<ConversationSummary, 'agentReadSeq'>, localReadSeq = 0): number {
  return Math.max(summary.agentReadSeq, localReadSeq);
}

/**
 * Visitor messages newer than what was read. The summary's last message counts too, so a chat whose history
 * is not loaded yet still shows at least its newest unread message.
 */
export function unreadCount(
  summary: Pick<ConversationSummary, 'agentReadSeq' | 'lastMessage'>,
  messages: readonly Message[],
  localReadSeq = 0,
): number {
  const readSeq = readSeqOf(summary, localReadSeq);
  const unread = new Set<number>();
  for (const message of messages) {
    if (message.author === 'visitor' && message.seq > readSeq) unread.add(message.seq);
  }
  const last = summary.lastMessage;
  if (last && last.author === 'visitor' && last.seq > readSeq) unread.add(last.seq);
  return unread.size;
}
