import { batch, computed, signal } from '@preact/signals-core';
import type { VisitorConversation } from '@causette/shared';
import { latestSeq, messages } from './messages';

export const conversation = signal<VisitorConversation | null>(null);
/** The visitor has read agent messages up to `s` in conversation `c`. */
export const visitorRead = signal<{ c: string; s: number } | null>(null);
/** The name shown in "… is typing", or null when nobody types. */
export const agentTyping = signal<string | null>(null);

export const AGENT_AUTHORS = ['agent', 'bot'];

/**
 * Takes a conversation the server sent, unless it is older than the one held (another conversation's news).
 * A new conversation replaces the old one on screen, as after a reload: seqs restart with each conversation.
 */
export function acceptConversation(next: VisitorConversation | null): void {
  const held = conversation.peek();
  if (!next || next.id === dismissed || (held && held.id !== next.id && next.createdAt < held.createdAt)) return;
  batch(() => {
    if (held?.id !== next.id) messages.value = messages.peek().filter((m) => m.seq == null || m.conversationId === next.id);
    conversation.value = next;
  });
}

/** A closed chat the visitor put away ("Start a new conversation"): not shown again when the server names it. */
let dismissed = '';
export function dismissConversation(id: string): void {
  dismissed = id;
  conversation.value = null;
}

export function setAgentReadSeq(conversationId: string, seq: number): void {
  const held = conversation.peek();
  if (held && held.id === conversationId && seq > held.agentReadSeq) conversation.value = { ...held, agentReadSeq: seq };
}

/** Agent messages of the current conversation the visitor has not read. */
export const unread = computed(() => {
  const c = conversation.value;
  const read = visitorRead.value;
  if (!c) return 0;
  // The server remembers reads from other tabs, devices and visits; the local mark covers what it has not heard yet.
  const after = Math.max(read && read.c === c.id ? read.s : 0, c.visitorReadSeq ?? 0);
  return messages.value.filter((m) => m.conversationId === c.id && m.seq! > after && AGENT_AUTHORS.includes(m.author))
    .length;
});

/** Marks every agent message held as read (the panel is open and the page visible). */
export function readAll(): void {
  const c = conversation.peek();
  if (!c) return;
  const s = latestSeq(c.id, AGENT_AUTHORS);
  const read = visitorRead.peek();
  if (s && (!read || read.c !== c.id || read.s < s)) visitorRead.value = { c: c.id, s };
}
