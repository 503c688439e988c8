import type { AgentServerToClient, ConversationSummary, Message, VisitorContext } from '@causette/shared';
import { clearAssigned, markAssigned } from '../assigned.js';
import { erasedConversations, inboxLoaded, patchSummary, pendingActions, removeSummary, summaries, upsertSummary } from '../conversations.js';
import { drafts } from '../drafts.js';
import { isInInbox, isMine, isQueued } from '../inbox.js';
import { applyLiveVisitorUpdate } from '../live-visitors.js';
import { addMessages, forgetThread, threads } from '../messages.js';
import { notifyQueuedChat, notifyTransferredChat, notifyVisitorMessage } from '../notifications.js';
import { selectedConversationId } from '../router.js';
import { currentAgent, endSession } from '../session.js';
import { lastSeqOf } from '../thread.js';
import { forgetTyping, setVisitorTyping } from '../typing.js';
import { dropVisitor, putVisitorContext, visitorContexts } from '../visitors.js';
import { windowActive } from '../window.js';
import { currentSession, type SignInSession } from './session.js';
import { catchUp, loadHistory, loadVisitor } from './sync.js';

/** A handler per server event, given the session whose socket heard it. */
type InboundHandlers = {
  [E in keyof AgentServerToClient]: (session: SignInSession, ...args: Parameters<AgentServerToClient[E]>) => void;
};

/** Everything the server pushes to an agent, in one table: a new event in the shared map fails typecheck here. */
const inbound: InboundHandlers = {
  'message:new': (session, message) => onMessage(session, message),
  'conversation:update': (session, update) => onConversationUpdate(session, update),
  'typing:update': (_session, { conversationId, typing, draft }) => setVisitorTyping(conversationId, typing, draft),
  'read:update': (_session, { conversationId, seq }) =>
    patchSummary(conversationId, (s) => (seq > s.visitorReadSeq ? { ...s, visitorReadSeq: seq } : s)),
  'visitor:update': (_session, context) => onVisitorUpdate(context),
  'conversation:remove': (_session, { conversationId }) => removeConversation(conversationId),
  'session:end': () => endSession(),
};

/** Subscribes the session's socket to every server event. */
export function listenInbound(session: SignInSession): void {
  // socket.io's typed `on` cannot follow an event name drawn from a union, so the loop goes through a loose view.
  const socket = session.socket as unknown as { on(event: string, listener: (...args: never[]) => void): void };
  for (const event of Object.keys(inbound) as Array<keyof AgentServerToClient>) {
    const handler = inbound[event] as (session: SignInSession, ...args: unknown[]) => void;
    socket.on(event, (...args: unknown[]) => handler(session, ...args));
  }
}

function onMessage(session: SignInSession, message: Message): void {
  const summary = summaries.peek()[message.conversationId];
  // Agents receive every message of their sites; only the chats in this inbox matter here.
  if (!summary) return;
  addMessages(message.conversationId, [message]);
  if (message.seq > summary.lastSeq) {
    patchSummary(message.conversationId, (s) => ({
      ...s,
      lastSeq: message.seq,
      lastMessage: message,
      updatedAt: Math.max(s.updatedAt, message.createdAt),
    }));
  }
  if (message.author !== 'visitor') return;
  session.noteDelivered([message]);
  setVisitorTyping(message.conversationId, false);
  const watching = windowActive.peek() && selectedConversationId.peek() === message.conversationId;
  const relevant = isInInbox(summary, currentAgent.peek()?.id);
  if (relevant && !watching) notifyVisitorMessage(message.conversationId, summary.visitorName, message.body);
}

/** Screens that follow every change on the sites (the supervisor view) subscribe here. */
const updateListeners = new Set<(update: ConversationSummary) => void>();

export function onAnyConversationUpdate(listener: (update: ConversationSummary) => void): () => void {
  updateListeners.add(listener);
  return () => updateListeners.delete(listener);
}

const removeListeners = new Set<(conversationId: string) => void>();

/** The supervisor view drops erased chats at once. */
export function onConversationRemoved(listener: (conversationId: string) => void): () => void {
  removeListeners.add(listener);
  return () => removeListeners.delete(listener);
}

/**
 * The visitor's data was erased (at their request from the widget, or by an admin): the chat leaves every list
 * with its messages, drafts, unread count and badge; if it is on screen, the screen says why it went.
 */
export function removeConversation(conversationId: string): void {
  const removed = removeSummary(conversationId);
  forgetThread(conversationId);
  forgetTyping(conversationId);
  const session = currentSession();
  session?.delivery.forget(conversationId);
  drafts.clear(conversationId);
  clearAssigned(conversationId);
  session?.ownAssignments.forget(conversationId);
  session?.typing.drop(conversationId);
  const visitorId = removed?.visitorId;
  if (visitorId && !Object.values(summaries.peek()).some((s) => s.visitorId === visitorId)) dropVisitor(visitorId);
  for (const listener of removeListeners) listener(conversationId);
}

function onConversationUpdate(session: SignInSession, update: ConversationSummary): void {
  // An update that crossed the erasure on the wire must not bring the chat back.
  if (erasedConversations.peek().has(update.id)) return;
  for (const listener of updateListeners) listener(update);
  const agentId = currentAgent.peek()?.id;
  const known = summaries.peek()[update.id];
  // Chats between other agents and their visitors are not this inbox's business.
  if (!known && !isInInbox(update, agentId) && selectedConversationId.peek() !== update.id) return;
  const { before, after } = upsertSummary(update);
  if (inboxLoaded.peek() && isQueued(after) && !(before && isQueued(before))) {
    notifyQueuedChat(after.id, after.visitorName, after.lastMessage?.body ?? '');
  }
  // A chat handed to this agent (a transfer, or a supervisor's assignment) arrives with its whole history: the
  // new assignee has to read what was said before taking over, not just the unread tail.
  const cameToMe = isMine(after, agentId) && !(before && isMine(before, agentId));
  if (cameToMe) {
    // The agent's own take, takeover, start or reply needs no chime; someone else handing it over does.
    const ownAction =
      session.ownAssignments.consume(after.id) || pendingActions.peek()[after.id] === 'take' || session.startingFor.has(after.visitorId);
    if (inboxLoaded.peek() && !ownAction) {
      notifyTransferredChat(after.id, after.visitorName);
      const watching = windowActive.peek() && selectedConversationId.peek() === after.id;
      if (!watching) markAssigned(after.id);
    }
    void loadHistory(after.id);
    void loadVisitor(after.visitorId);
    return;
  }
  if (!isMine(after, agentId)) clearAssigned(after.id);
  if (after.lastSeq > lastSeqOf(threads.peek()[after.id] ?? [])) void catchUp(after.id);
}

function onVisitorUpdate(context: VisitorContext): void {
  applyLiveVisitorUpdate(context);
  const interesting =
    visitorContexts.peek()[context.visitorId] ||
    Object.values(summaries.peek()).some((s) => s.visitorId === context.visitorId);
  if (interesting) putVisitorContext(context);
}
