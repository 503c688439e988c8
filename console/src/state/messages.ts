import type { Message } from '@causette/shared';
import { signal } from '@preact/signals';
import { onSignOut } from './sign-out.js';
import { mergeMessages, type OutgoingMessage } from './thread.js';

/** Stored messages per conversation, ordered by seq. */
export const threads = signal<Readonly<Record<string, readonly Message[]>>>({});
/** This console's sends that wait for an ack, per conversation. */
export const outbox = signal<Readonly<Record<string, readonly OutgoingMessage[]>>>({});
/** `complete` once the whole history was fetched; a chat may hold only its unread tail before that. */
export const historyState = signal<Readonly<Record<string, 'loading' | 'complete' | 'error'>>>({});

export function addMessages(conversationId: string, incoming: readonly Message[]): void {
  const known = threads.peek()[conversationId] ?? [];
  const merged = mergeMessages(known, incoming);
  if (merged !== known) threads.value = { ...threads.peek(), [conversationId]: merged };
  const acked = new Set(incoming.map((m) => m.clientId));
  const waiting = outbox.peek()[conversationId];
  if (waiting?.some((o) => acked.has(o.clientId))) {
    outbox.value = { ...outbox.peek(), [conversationId]: waiting.filter((o) => !acked.has(o.clientId)) };
  }
}

export function putOutgoing(outgoing: OutgoingMessage): void {
  const list = outbox.peek()[outgoing.conversationId] ?? [];
  const index = list.findIndex((o) => o.clientId === outgoing.clientId);
  const next = index === -1 ? [...list, outgoing] : list.map((o, i) => (i === index ? outgoing : o));
  outbox.value = { ...outbox.peek(), [outgoing.conversationId]: next };
}

export function findOutgoing(conversationId: string, clientId: string): OutgoingMessage | undefined {
  return outbox.peek()[conversationId]?.find((o) => o.clientId === clientId);
}

export function allOutgoing(): OutgoingMessage[] {
  return Object.values(outbox.peek()).flat();
}

export function setHistoryState(conversationId: string, state: 'loading' | 'complete' | 'error'): void {
  historyState.value = { ...historyState.peek(), [conversationId]: state };
}

/** An erased conversation: its messages and unsent replies go. */
export function forgetThread(conversationId: string): void {
  const drop = <T,>(map: Readonly<Record<string, T>>) => {
    if (!(conversationId in map)) return map;
    const { [conversationId]: _dropped, ...rest } = map;
    return rest;
  };
  threads.value = drop(threads.peek());
  outbox.value = drop(outbox.peek());
  historyState.value = drop(historyState.peek());
}

export function resetMessages(): void {
  threads.value = {};
  outbox.value = {};
  historyState.value = {};
}

onSignOut(resetMessages);
