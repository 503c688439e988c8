import type { Attachment, Message } from '@causette/shared';

/** A message this console sent that the server has not acknowledged yet. */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  kind: 'text' | 'note';
  createdAt: number;
  /** `sending` waits for an ack (and is resent after a reconnect); `failed` got a definite error. */
  status: 'sending' | 'failed';
  error?: string;
  /** A file uploaded for this message (POST /api/files): sent as `attachmentId`, shown while it goes. */
  attachment?: Attachment;
}

export type ThreadItem = { type: 'message'; message: Message } | { type: 'outgoing'; outgoing: OutgoingMessage };

/**
 * Merges messages into a thread ordered by seq. A message seen twice (same seq, or the same clientId echoed by
 * the broadcast and the ack) is kept once. Returns `existing` itself when nothing new arrived, so signals
 * holding the thread do not notify for nothing.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return existing;
  const seqs = new Set(existing.map((m) => m.seq));
  const clientIds = new Set(existing.map((m) => m.clientId));
  const fresh: Message[] = [];
  for (const message of incoming) {
    if (seqs.has(message.seq) || clientIds.has(message.clientId)) continue;
    seqs.add(message.seq);
    clientIds.add(message.clientId);
    fresh.push(message);
  }
  if (fresh.length === 0) return existing;
  const last = existing[existing.length - 1];
  const inOrder = fresh.every((m, i) => (i === 0 ? !last || m.seq > last.seq : m.seq > fresh[i - 1]!.seq));
  if (inOrder) return [...existing, ...fresh];
  return [...existing, ...fresh].sort((a, b) => a.seq - b.seq);
}

/** The thread as shown: stored messages by seq, then this console's unacknowledged sends in the order typed. */
export function threadItems(messages: readonly Message[], outbox: readonly OutgoingMessage[]): ThreadItem[] {
  const stored = new Set(messages.map((m) => m.clientId));
  const items: ThreadItem[] = messages.map((message) => ({ type: 'message', message }));
  for (const outgoing of outbox) {
    if (!stored.has(outgoing.clientId)) items.push({ type: 'outgoing', outgoing });
  }
  return items;
}

export function lastSeqOf(messages: readonly Message[]): number {
  return messages.length ? messages[messages.length - 1]!.seq : 0;
}
