import { signal } from '@preact/signals';

/** A lost "stopped typing" must not leave the indicator on forever. */
const TYPING_EXPIRY_MS = 8_000;

export const visitorTyping = signal<Readonly<Record<string, boolean>>>({});
const expiry = new Map<string, ReturnType<typeof setTimeout>>();

export function setVisitorTyping(conversationId: string, typing: boolean): void {
  clearTimeout(expiry.get(conversationId));
  expiry.delete(conversationId);
  if (typing) expiry.set(conversationId, setTimeout(() => setVisitorTyping(conversationId, false), TYPING_EXPIRY_MS));
  if ((visitorTyping.peek()[conversationId] ?? false) === typing) return;
  visitorTyping.value = { ...visitorTyping.peek(), [conversationId]: typing };
}

export function resetTyping(): void {
  for (const timer of expiry.values()) clearTimeout(timer);
  expiry.clear();
  visitorTyping.value = {};
}
