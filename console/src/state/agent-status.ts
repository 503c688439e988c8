import { computed, effect, signal, untracked } from '@preact/signals';
import { watchIdle } from '../lib/idle.js';
import { connection } from './connection.js';
import { describeError, emitAgentStatus } from './realtime.js';
import { authState, can, currentAgent } from './session.js';

export type AgentStatusChoice = 'online' | 'away';

/** Without any input for this long, an online agent is set away so that automatic routing skips them. */
export const IDLE_AWAY_MS = 10 * 60_000;

/** What this agent chose; the server's `offline` only means "not connected", so a connected agent starts online. */
export const myStatus = signal<AgentStatusChoice>('online');
/** Set when the console, not the agent, chose away; the banner offering to come back shows while it holds. */
export const autoAway = signal(false);
export const statusError = signal<string | null>(null);

/** Marketers hold no chats, so they have no status to set. */
export const holdsChats = computed(() => authState.value === 'authenticated' && !!currentAgent.value && can('conversations.reply'));

/** A choice the server has not confirmed (sent while offline, or lost), sent again on the next connect. */
let unsynced = false;

/** The agent picks a status: shown at once, sent to the server, put back if the server refuses it. */
export async function chooseStatus(status: AgentStatusChoice): Promise<void> {
  autoAway.value = false;
  await applyStatus(status);
}

async function applyStatus(status: AgentStatusChoice): Promise<void> {
  const previous = myStatus.peek();
  myStatus.value = status;
  statusError.value = null;
  const reply = await emitAgentStatus(status);
  if (myStatus.peek() !== status) return; // a newer choice superseded this one
  if (reply.ok) {
    unsynced = false;
    myStatus.value = reply.status;
    return;
  }
  if (reply.error.code === 'unavailable') {
    // Offline: keep the choice; it goes out when the socket is back.
    unsynced = true;
    return;
  }
  myStatus.value = previous;
  if (previous !== 'away') autoAway.value = false;
  statusError.value = describeError(reply.error);
}

function goAwayForInactivity(): void {
  autoAway.value = true;
  void applyStatus('away');
}

/** Seeds the status from the session, re-sends it after reconnects, and sets an idle agent away. */
export function startAgentStatus(): () => void {
  const stopSeed = effect(() => {
    const agent = currentAgent.value;
    untracked(() => {
      myStatus.value = agent?.status === 'away' ? 'away' : 'online';
      autoAway.value = false;
      statusError.value = null;
      unsynced = false;
    });
  });
  // The server may reset a reconnecting agent to online; an agent who chose away must stay away.
  const stopSync = effect(() => {
    if (connection.value !== 'online' || !holdsChats.value) return;
    untracked(() => {
      if (unsynced || myStatus.peek() === 'away') void applyStatus(myStatus.peek());
    });
  });
  // Armed only while online: an agent already away has nothing to time out, and input never brings them back.
  const stopIdle = effect(() => {
    if (!holdsChats.value || myStatus.value !== 'online') return;
    return untracked(() => watchIdle(IDLE_AWAY_MS, goAwayForInactivity));
  });
  return () => {
    stopSeed();
    stopSync();
    stopIdle();
  };
}
