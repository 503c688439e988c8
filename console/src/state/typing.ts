import { signal } from '@preact/signals';
import { onSignOut } from './sign-out.js';

/** A lost "stopped typing" must not leave the indicator on forever. */
const TYPING_EXPIRY_MS = 8_000;

export const visitorTyping = signal<Readonly<Record<string, boolean>>>({});
/** The visitor's unsent text per chat (typing preview, where the site allows it), kept through a pause. */
export const visitorDrafts = signal<Readonly<Record<string, string>>>({});
const expiry = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * `draft` is the preview the server passed on: it stays shown through a pause (`typing: false` with the text)
 * until the visitor clears it or sends; absent or empty shows the plain indicator.
 */
export function setVisitorTyping(conversationId: string, typing: boolean, draft?: string): void {
  clearTimeout(expiry.get(conversationId));
  expiry.delete(conversationId);
  if (typing) expiry.set(conversationId, setTimeout(() => setVisitorTyping(conversationId, false), TYPING_EXPIRY_MS));
  const text = typeof draft === 'string' ? draft : '';
  if ((visitorDrafts.peek()[conversationId] ?? '') !== text) {
    const next = { ...visitorDrafts.peek() };
    if (text) next[conversationId] = text;
    else delete next[conversationId];
    visitorDrafts.value = next;
  }
  if ((visitorTyping.peek()[conversationId] ?? false) === typing) return;
  visitorTyping.value = { ...visitorTyping.peek(), [conversationId]: typing };
}

/** An erased conversation: no indicator, and the visitor's unsent text goes. */
export function forgetTyping(conversationId: string): void {
  setVisitorTyping(conversationId, false);
  const { [conversationId]: _typing, ...typing } = visitorTyping.peek();
  visitorTyping.value = typing;
}

export function resetTyping(): void {
  for (const timer of expiry.values()) clearTimeout(timer);
  expiry.clear();
  visitorTyping.value = {};
  visitorDrafts.value = {};
}

onSignOut(resetTyping);
