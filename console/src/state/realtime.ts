import { effect, untracked } from '@preact/signals';
import { clearAssigned, newlyAssigned } from './assigned.js';
import { connection } from './connection.js';
import { connect, disconnect } from './realtime/connection.js';
import { markSelectedRead } from './realtime/read-marks.js';
import { openSelected } from './realtime/sync.js';
import { selectedConversationId } from './router.js';
import { authState, can } from './session.js';
import { windowActive } from './window.js';

// The console's realtime layer: `realtime/connection` (socket lifecycle), `realtime/sync` (inbox and paging after a
// connect), `realtime/inbound` (the server's events), `realtime/commands` (what the agent does), all over the
// per-sign-in `realtime/session`. Screens import from here.
export {
  agentTyping,
  closeConversation,
  emitAgentStatus,
  fetchSupervisorOverview,
  retryMessage,
  sendMessage,
  startConversation,
  stopTyping,
  takeConversation,
  takeOverConversation,
  transferConversation,
  type TransferTarget,
} from './realtime/commands.js';
export { describeError } from './realtime/describe-error.js';
export { onAnyConversationUpdate, onConversationRemoved, removeConversation } from './realtime/inbound.js';

/** Starts the socket while an agent is signed in and tears everything down when the session ends. */
export function startRealtime(): () => void {
  // Effects only decide; the actions they start run untracked, so their own reads never re-trigger the effect.
  const stopLifecycle = effect(() => {
    // Marketers hold no chats, so they need no agent socket.
    const signedIn = authState.value === 'authenticated' && can('conversations.read');
    untracked(() => (signedIn ? connect() : disconnect()));
  });
  const stopSelection = effect(() => {
    const id = selectedConversationId.value;
    if (authState.value !== 'authenticated' || !id) return;
    // Reconnects are handled by afterConnect; this only reacts to the agent picking another chat.
    if (connection.peek() !== 'online') return;
    untracked(() => void openSelected(id));
  });
  const stopRead = effect(markSelectedRead);
  // The "assigned to you" badge lasts until the agent has the chat in front of them.
  const stopSeen = effect(() => {
    const id = selectedConversationId.value;
    if (id && windowActive.value && newlyAssigned.value.has(id)) untracked(() => clearAssigned(id));
  });
  return () => {
    stopLifecycle();
    stopSelection();
    stopRead();
    stopSeen();
    disconnect();
  };
}
