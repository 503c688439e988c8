import type { Message } from '@causette/shared';
import { fetchConversation } from '../../api/conversations.js';
import { call } from '../../api/socket.js';
import { loadCanned } from '../canned.js';
import { localReadSeq, markMissing, replaceInbox, summaries, upsertSummary } from '../conversations.js';
import { addMessages, historyState, setHistoryState, threads } from '../messages.js';
import { selectedConversationId } from '../router.js';
import { endSession } from '../session.js';
import { lastSeqOf } from '../thread.js';
import { readSeqOf } from '../unread.js';
import { putVisitorContext, setVisitorLoad, visitorContexts } from '../visitors.js';
import { resendPending } from './commands.js';
import { currentSession, type SignInSession } from './session.js';

/** After every connect: the inbox, then what was missed while away, then the sends that never got an ack. */
export async function afterConnect(session: SignInSession): Promise<void> {
  const reply = await call(session.socket, 'inbox:sync', {});
  if (!session.live) return;
  if (!reply.ok) {
    if (reply.error.code === 'unauthenticated') endSession();
    return;
  }
  // A server from before left messages sends no `pending`.
  replaceInbox([...reply.mine, ...reply.queue, ...(reply.pending ?? [])]);
  resendPending();

  const selected = selectedConversationId.peek();
  if (selected) void openSelected(selected);
  await runLimited(Object.keys(summaries.peek()).filter((id) => id !== selected).map((id) => () => catchUp(id)), 3);
}

/** The chat on screen: its summary (fetched when it is not in the inbox, e.g. a closed one), history and visitor. */
export async function openSelected(conversationId: string): Promise<void> {
  let summary = summaries.peek()[conversationId];
  if (!summary) {
    try {
      summary = upsertSummary((await fetchConversation(conversationId)).conversation).after;
    } catch {
      markMissing(conversationId);
      return;
    }
  }
  void loadVisitor(summary.visitorId);
  void loadCanned(summary.siteId);
  await loadHistory(conversationId);
}

/** Fetches and applies the page after a seq; null when it could not be had (offline, refused, signed out meanwhile). */
type TakePage = (afterSeq: number) => Promise<{ readonly messages: readonly Message[]; readonly more: boolean } | null>;

/**
 * Pages through everything after `afterSeq`; true once the last page came. Kept apart from the socket on purpose:
 * the widget pages the same way, and both are meant to share this one rule from `shared/`.
 */
async function pageAfter(afterSeq: number, takePage: TakePage): Promise<boolean> {
  let cursor = afterSeq;
  for (;;) {
    const page = await takePage(cursor);
    if (!page) return false;
    const last = page.messages[page.messages.length - 1];
    if (!page.more || !last) return true;
    cursor = last.seq;
  }
}

/** Fetches every page of a chat after `afterSeq` over the current socket, merging as it goes. */
function syncAfter(conversationId: string, afterSeq: number): Promise<boolean> {
  return pageAfter(afterSeq, async (cursor) => {
    const session = currentSession();
    if (!session?.socket.connected) return null;
    const reply = await call(session.socket, 'message:sync', { conversationId, afterSeq: cursor });
    if (!reply.ok || !session.live) return null;
    addMessages(conversationId, reply.messages);
    session.noteDelivered(reply.messages);
    return reply;
  });
}

/** The whole history of a chat, once; later calls only fetch what is new. */
export async function loadHistory(conversationId: string): Promise<void> {
  const state = historyState.peek()[conversationId];
  if (state === 'loading') return;
  if (state === 'complete') {
    await syncAfter(conversationId, lastSeqOf(threads.peek()[conversationId] ?? []));
    return;
  }
  setHistoryState(conversationId, 'loading');
  const ok = await syncAfter(conversationId, 0);
  setHistoryState(conversationId, ok ? 'complete' : 'error');
}

/**
 * Brings a background chat up to date. A chat with its full history fetches what follows its last message;
 * others fetch only the unread part, which is what the badge counts.
 */
export async function catchUp(conversationId: string): Promise<void> {
  const summary = summaries.peek()[conversationId];
  if (!summary) return;
  const known = threads.peek()[conversationId] ?? [];
  if (historyState.peek()[conversationId] === 'complete') {
    if (summary.lastSeq > lastSeqOf(known)) await syncAfter(conversationId, lastSeqOf(known));
    return;
  }
  const readSeq = readSeqOf(summary, localReadSeq.peek()[conversationId]);
  if (summary.lastSeq > Math.max(readSeq, lastSeqOf(known))) await syncAfter(conversationId, readSeq);
}

export async function loadVisitor(visitorId: string): Promise<void> {
  const session = currentSession();
  if (!session?.socket.connected) return;
  if (!visitorContexts.peek()[visitorId]) setVisitorLoad(visitorId, 'loading');
  const reply = await call(session.socket, 'visitor:context', { visitorId });
  if (!session.live) return;
  if (reply.ok) putVisitorContext(reply.context);
  else if (!visitorContexts.peek()[visitorId]) setVisitorLoad(visitorId, 'error');
}

async function runLimited(tasks: ReadonlyArray<() => Promise<unknown>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!().catch(() => undefined);
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
