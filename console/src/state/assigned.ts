import { computed, signal } from '@preact/signals';
import { inbox } from './conversations.js';
import { onSignOut } from './sign-out.js';

/**
 * Chats someone else put in this agent's hands (routing, a transfer, a reassignment) that the agent has not
 * opened yet. The agent's own take, start or takeover never lands here.
 */
export const newlyAssigned = signal<ReadonlySet<string>>(new Set());

/** Only chats still in My chats count: one transferred away or closed meanwhile needs no attention. */
export const assignedBadgeCount = computed(() => {
  const mine = new Set(inbox.value.mine.map((s) => s.id));
  let count = 0;
  for (const id of newlyAssigned.value) if (mine.has(id)) count++;
  return count;
});

export function markAssigned(conversationId: string): void {
  if (newlyAssigned.peek().has(conversationId)) return;
  newlyAssigned.value = new Set([...newlyAssigned.peek(), conversationId]);
}

export function clearAssigned(conversationId: string): void {
  if (!newlyAssigned.peek().has(conversationId)) return;
  const next = new Set(newlyAssigned.peek());
  next.delete(conversationId);
  newlyAssigned.value = next;
}

export function resetAssigned(): void {
  newlyAssigned.value = new Set();
}

onSignOut(resetAssigned);
