import { untracked } from '@preact/signals';
import { send } from '../../api/socket.js';
import { connection } from '../connection.js';
import { localReadSeq, setLocalRead, summaries } from '../conversations.js';
import { isMine } from '../inbox.js';
import { threads } from '../messages.js';
import { selectedConversationId } from '../router.js';
import { currentAgent } from '../session.js';
import { lastSeqOf } from '../thread.js';
import { readSeqOf } from '../unread.js';
import { windowActive } from '../window.js';
import { currentSession } from './session.js';

/**
 * While the agent looks at a chat, everything in it is read. Only the assignee moves the server's mark, which the
 * visitor sees as "read"; a glance at a queued chat clears the badge in this console alone. Run as an effect.
 */
export function markSelectedRead(): void {
  const id = selectedConversationId.value;
  if (!id || !windowActive.value || connection.value !== 'online') return;
  const summary = summaries.value[id];
  if (!summary) return;
  const latest = lastSeqOf(threads.value[id] ?? []);
  untracked(() => {
    if (latest > readSeqOf(summary, localReadSeq.peek()[id])) setLocalRead(id, latest);
    const session = currentSession();
    // The server's mark lags the local one after a glance at a queued chat: taking it then marks it read.
    if (latest <= Math.max(summary.agentReadSeq, session?.readMarkSent.get(id) ?? 0)) return;
    if (session && isMine(summary, currentAgent.peek()?.id)) {
      session.readMarkSent.set(id, latest);
      send(session.socket, 'read:mark', { conversationId: id, seq: latest });
    }
  });
}
