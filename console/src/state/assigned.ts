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

/** How long an action of the agent's own may explain a chat becoming theirs (the update can trail the ack). */
const OWN_ACTION_MS = 10_000;
const expected = new Map<string, number>();

/** The agent is about to make this chat theirs (take, takeover, a reply in a queued or left-message chat). */
export function expectOwnAssignment(conversationId: string, at = Date.now()): void {
  expected.set(conversationId, at + OWN_ACTION_MS);
}

/** True once per expected assignment, while it is fresh. */
export function consumeOwnAssignment(conversationId: string, at = Date.now()): boolean {
  const until = expected.get(conversationId);
  if (until === undefined) return false;
  expected.delete(conversationId);
  return at <= until;
}

export function forgetOwnAssignment(conversationId: string): void {
  expected.delete(conversationId);
}

export function resetOwnAssignments(): void {
  expected.clear();
}
