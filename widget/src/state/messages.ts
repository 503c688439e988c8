import { MESSAGE_MAX_LENGTH } from '@causette/shared/limits';
import { computed, signal } from '@preact/signals-core';
import type { Attachment, Message, VisitorPayload } from '@causette/shared';
import { takeImpression } from './teaser';

/** The server's copy of a message, or one the visitor wrote that has no `seq` yet (pending, in the outbox). */
export interface ChatMessage {
  clientId: string;
  body: string;
  author: Message['author'];
  createdAt: number;
  seq?: number;
  conversationId?: string;
  authorName?: string | null;
  /** Refused for good by the server (invalid payload): shown as not sent, never retried. */
  failed?: boolean;
  /** The teaser this message answers; kept with the message so a resend still carries it. */
  impressionId?: string;
  /** The pre-chat form's answers and chosen team, sent with the first message of a new chat. */
  prechat?: VisitorPayload<'message:send'>['prechat'];
  teamId?: string;
  /** A file: the upload to send it as (pending), and what it is (shown as a preview or a download card). */
  attachmentId?: string;
  attachment?: Attachment | null;
}

export const MAX_BODY = MESSAGE_MAX_LENGTH;

/**
 * Adds `incoming` to `list` without duplicates: the server's copy replaces a pending one with the same clientId,
 * and a seq already held is not added twice. Order: by seq, then pending messages in the order they were written.
 * (Only the current conversation is held; see acceptConversation.)
 */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const out = list.slice();
  for (const m of incoming) {
    const i = out.findIndex(
      (o) => o.clientId === m.clientId || (m.seq != null && o.seq === m.seq && o.conversationId === m.conversationId),
    );
    if (i < 0) out.push(m);
    else if (m.seq != null) out[i] = m;
  }
  // Array#sort is stable: pending messages keep the order they were written in.
  return out.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || 0);
}

export const messages = signal<ChatMessage[]>([]);
/** Messages written but not yet acknowledged: sent on every connect with the same clientId until acked. */
export const outbox = computed(() => messages.value.filter((m) => m.seq == null && !m.failed));

export function addMessages(incoming: readonly ChatMessage[]): void {
  messages.value = mergeMessages(messages.value, incoming);
}

/** Queues the visitor's text; the transport sends whatever is in the outbox. */
export function queueText(text: string): void {
  const body = text.trim().slice(0, MAX_BODY);
  if (!body) return;
  const m: ChatMessage = { clientId: newClientId(), body, author: 'visitor', createdAt: Date.now() };
  const impressionId = takeImpression();
  if (impressionId) m.impressionId = impressionId;
  addMessages([m]);
}

/** The server stored the pending message `clientId` as `stored`. */
export function settle(clientId: string, stored: ChatMessage): void {
  messages.value = mergeMessages(
    messages.value.filter((m) => m.clientId !== clientId || m.seq != null),
    [stored],
  );
}

export function markFailed(clientId: string): void {
  messages.value = messages.value.map((m) => (m.clientId === clientId ? { ...m, failed: true } : m));
}

/** The highest seq held for a conversation, 0 when none. */
export function latestSeq(conversationId: string, authors?: readonly string[]): number {
  let max = 0;
  for (const m of messages.value)
    if (m.conversationId === conversationId && m.seq! > max && (!authors || authors.includes(m.author))) max = m.seq!;
  return max;
}

/** An idempotency key matching the contract's ClientId pattern. */
export function newClientId(): string {
  const c = crypto;
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  if (c.randomUUID) return c.randomUUID();
  return btoa(String.fromCharCode(...c.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
