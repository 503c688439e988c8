import type { SupervisorOverview } from '@causette/shared';
import { effect, signal } from '@preact/signals';
import { connection } from './connection.js';
import { describeError, fetchSupervisorOverview, onAnyConversationUpdate, onConversationRemoved, takeOverConversation } from './realtime.js';

export const overview = signal<SupervisorOverview | null>(null);
export const overviewError = signal<string | null>(null);
/** The row whose takeover waits for the server, and the last refusal per row. */
export const takeoverPending = signal<string | null>(null);
export const takeoverErrors = signal<Readonly<Record<string, string>>>({});

const REFRESH_MS = 5_000;
const DEBOUNCE_MS = 300;

let latest = 0;

/** Asks the server again; an answer that arrives after a newer request's is dropped. */
export async function refreshOverview(): Promise<void> {
  const ticket = ++latest;
  const reply = await fetchSupervisorOverview();
  if (ticket !== latest) return;
  if (reply.ok) {
    overview.value = { agents: reply.agents, conversations: reply.conversations };
    overviewError.value = null;
  } else {
    overviewError.value = describeError(reply.error);
  }
}

/**
 * Keeps the overview fresh while the supervisor screen is shown: at once, after every chat change (debounced, a
 * burst of updates costs one request), every 5 s for the loads and presence no event reports, and after a reconnect.
 */
export function followOverview(): () => void {
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void refreshOverview(), DEBOUNCE_MS);
  };
  const unsubscribe = onAnyConversationUpdate(soon);
  const unsubscribeRemoved = onConversationRemoved((id) => {
    const current = overview.peek();
    if (current) overview.value = { ...current, conversations: current.conversations.filter((c) => c.id !== id) };
  });
  const interval = setInterval(() => void refreshOverview(), REFRESH_MS);
  const stopReconnect = effect(() => {
    if (connection.value === 'online') void refreshOverview();
  });
  return () => {
    clearTimeout(debounce);
    clearInterval(interval);
    unsubscribe();
    unsubscribeRemoved();
    stopReconnect();
  };
}

/** Takes the chat over and opens it; a refusal stays on its row. */
export async function takeOver(conversationId: string): Promise<void> {
  if (takeoverPending.peek()) return;
  takeoverPending.value = conversationId;
  const { [conversationId]: _previous, ...rest } = takeoverErrors.peek();
  takeoverErrors.value = rest;
  const failure = await takeOverConversation(conversationId);
  takeoverPending.value = null;
  if (failure) takeoverErrors.value = { ...takeoverErrors.peek(), [conversationId]: failure };
}

export function resetSupervisor(): void {
  latest++;
  overview.value = null;
  overviewError.value = null;
  takeoverPending.value = null;
  takeoverErrors.value = {};
}
