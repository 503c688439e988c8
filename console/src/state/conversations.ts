import type { ConversationSummary } from '@causette/shared';
import { computed, signal } from '@preact/signals';
import { partitionInbox, mergeSummary } from './inbox.js';
import { onSignOut } from './sign-out.js';
import { selectedConversationId } from './router.js';
import { currentAgent } from './session.js';
import { threads } from './messages.js';
import { unreadCount } from './unread.js';

/** Every conversation this console knows, by id; the inbox lists are views over it. */
export const summaries = signal<Readonly<Record<string, ConversationSummary>>>({});
/** How far this console has seen each chat, ahead of the server's mark until it answers. */
export const localReadSeq = signal<Readonly<Record<string, number>>>({});
/** The last failed action (take, close) per conversation, shown in its header. */
export const actionErrors = signal<Readonly<Record<string, string>>>({});
export const pendingActions = signal<Readonly<Record<string, 'take' | 'close'>>>({});
/** False until the first inbox:sync answered, so the initial load does not ring for every queued chat. */
export const inboxLoaded = signal(false);
/** Conversations the server would not show this agent (deleted, another site, bad link). */
export const missingConversations = signal<ReadonlySet<string>>(new Set());
/** Conversations erased at the visitor's request while this console held them (`conversation:remove`). */
export const erasedConversations = signal<ReadonlySet<string>>(new Set());

export const inbox = computed(() => partitionInbox(Object.values(summaries.value), currentAgent.value?.id));

export const selectedConversation = computed(() => {
  const id = selectedConversationId.value;
  return id ? (summaries.value[id] ?? null) : null;
});

export const unreadById = computed(() => {
  const counts: Record<string, number> = {};
  const { mine, queue, pending } = inbox.value;
  for (const summary of [...mine, ...queue, ...pending]) {
    counts[summary.id] = unreadCount(summary, threads.value[summary.id] ?? [], localReadSeq.value[summary.id]);
  }
  return counts;
});

/** The tab title counts live chats only: left messages can wait for hours and would pin the count. */
export const totalUnread = computed(() => {
  const { mine, queue } = inbox.value;
  return [...mine, ...queue].reduce((sum, s) => sum + (unreadById.value[s.id] ?? 0), 0);
});

/** The queue's team chip: null is All. */
export const queueTeamFilter = signal<string | null>(null);

export function upsertSummary(update: ConversationSummary): { before: ConversationSummary | undefined; after: ConversationSummary } {
  const before = summaries.peek()[update.id];
  const after = mergeSummary(before, update);
  summaries.value = { ...summaries.peek(), [update.id]: after };
  return { before, after };
}

/** Replaces the inbox after a (re)connect; the open chat stays known even if it left the inbox meanwhile. */
export function replaceInbox(items: readonly ConversationSummary[]): void {
  const next: Record<string, ConversationSummary> = {};
  for (const item of items) next[item.id] = mergeSummary(summaries.peek()[item.id], item);
  const selected = selectedConversationId.peek();
  const kept = selected ? summaries.peek()[selected] : undefined;
  if (kept && !next[kept.id]) next[kept.id] = kept;
  summaries.value = next;
  inboxLoaded.value = true;
}

export function patchSummary(id: string, patch: (summary: ConversationSummary) => ConversationSummary): void {
  const known = summaries.peek()[id];
  if (!known) return;
  const next = patch(known);
  if (next !== known) summaries.value = { ...summaries.peek(), [id]: next };
}

export function setLocalRead(id: string, seq: number): void {
  if ((localReadSeq.peek()[id] ?? 0) >= seq) return;
  localReadSeq.value = { ...localReadSeq.peek(), [id]: seq };
}

export function setActionError(id: string, message: string | null): void {
  const next = { ...actionErrors.peek() };
  if (message === null) delete next[id];
  else next[id] = message;
  actionErrors.value = next;
}

export function setPendingAction(id: string, action: 'take' | 'close' | null): void {
  const next = { ...pendingActions.peek() };
  if (action === null) delete next[id];
  else next[id] = action;
  pendingActions.value = next;
}

export function markMissing(id: string): void {
  missingConversations.value = new Set([...missingConversations.peek(), id]);
}

/** The conversation no longer exists: it leaves every list, with its read mark, error and pending action. */
export function removeSummary(id: string): ConversationSummary | undefined {
  const known = summaries.peek()[id];
  const without = <T,>(map: Readonly<Record<string, T>>) => {
    if (!(id in map)) return map;
    const { [id]: _dropped, ...rest } = map;
    return rest;
  };
  summaries.value = without(summaries.peek());
  localReadSeq.value = without(localReadSeq.peek());
  actionErrors.value = without(actionErrors.peek());
  pendingActions.value = without(pendingActions.peek());
  erasedConversations.value = new Set([...erasedConversations.peek(), id]);
  return known;
}

export function resetConversations(): void {
  missingConversations.value = new Set();
  erasedConversations.value = new Set();
  summaries.value = {};
  localReadSeq.value = {};
  actionErrors.value = {};
  pendingActions.value = {};
  inboxLoaded.value = false;
  queueTeamFilter.value = null;
}

onSignOut(resetConversations);
