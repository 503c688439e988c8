import type { Attachment, ConversationSummary, ErrorBody, Message, VisitorContext } from '@causette/shared';
import { effect, untracked } from '@preact/signals';
import { fetchMe } from '../api/auth.js';
import { fetchConversation } from '../api/conversations.js';
import { ApiError } from '../api/http.js';
import { call, createAgentSocket, send, type AgentSocket, type ReplyOf } from '../api/socket.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import {
  clearAssigned,
  consumeOwnAssignment,
  expectOwnAssignment,
  forgetOwnAssignment,
  markAssigned,
  newlyAssigned,
  resetOwnAssignments,
} from './assigned.js';
import { loadCanned } from './canned.js';
import { connection } from './connection.js';
import {
  erasedConversations,
  inboxLoaded,
  localReadSeq,
  markMissing,
  patchSummary,
  pendingActions,
  removeSummary,
  replaceInbox,
  setActionError,
  setLocalRead,
  setPendingAction,
  summaries,
  upsertSummary,
} from './conversations.js';
import { DeliveryReporter } from './delivery.js';
import { drafts } from './drafts.js';
import { isInInbox, isMine, isQueued } from './inbox.js';
import {
  addMessages,
  allOutgoing,
  findOutgoing,
  forgetThread,
  historyState,
  putOutgoing,
  setHistoryState,
  threads,
} from './messages.js';
import { applyLiveVisitorUpdate } from './live-visitors.js';
import { notifyQueuedChat, notifyTransferredChat, notifyVisitorMessage } from './notifications.js';
import { navigate, openConversation, selectedConversationId } from './router.js';
import { authState, can, currentAgent, endSession, requireEnrolment } from './session.js';
import { clearSignedInState } from './sign-out.js';
import { lastSeqOf, type OutgoingMessage } from './thread.js';
import { forgetTyping, setVisitorTyping } from './typing.js';
import { readSeqOf } from './unread.js';
import { dropVisitor, putVisitorContext, setVisitorLoad, visitorContexts } from './visitors.js';
import { windowActive } from './window.js';

let socket: AgentSocket | null = null;

/** The visitor's "delivered" ticks: visitor messages that reached this console. */
const delivery = new DeliveryReporter(
  (conversationId, seq) => socket && send(socket, 'message:delivered', { conversationId, seq }),
  () => socket?.connected === true,
);

function noteDelivered(messages: readonly Message[]): void {
  for (const message of messages) if (message.author === 'visitor') delivery.note(message.conversationId, message.seq);
}

/** A readable sentence for an error value, in the agent's language when the code is a known one. */
export function describeError(error: ErrorBody): string {
  const key = `error.${error.code}` as MessageKey;
  const known: readonly string[] = ['conflict', 'conversation_closed', 'forbidden', 'rate_limited', 'unavailable'];
  return known.includes(error.code) ? t(key) : t('error.generic', { message: error.message });
}

/* ---------- lifecycle ---------- */

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

function connect(): void {
  if (socket) return;
  const agentSocket = createAgentSocket();
  socket = agentSocket;
  connection.value = 'connecting';

  agentSocket.on('connect', () => {
    connection.value = 'online';
    delivery.flush();
    void afterConnect(agentSocket);
  });
  agentSocket.on('disconnect', (reason) => {
    if (socket !== agentSocket) return;
    connection.value = 'offline';
    // The server closed this socket on purpose: find out whether the session is still valid before retrying.
    if (reason === 'io server disconnect') void recheckSession(agentSocket);
  });
  agentSocket.on('connect_error', (err) => {
    if (socket !== agentSocket) return;
    if (err.message === 'unauthenticated') {
      endSession();
      return;
    }
    // The admin started requiring two-factor since this agent signed in: set it up before anything else.
    if (err.message === 'two_factor_required') {
      requireEnrolment();
      return;
    }
    if (connection.value === 'online') connection.value = 'offline';
    // Middleware rejections are not retried by socket.io itself; transport errors are.
    if (!agentSocket.active) setTimeout(() => socket === agentSocket && agentSocket.connect(), 3_000);
  });

  agentSocket.on('message:new', onMessage);
  agentSocket.on('conversation:update', onConversationUpdate);
  agentSocket.on('typing:update', ({ conversationId, typing, draft }) => setVisitorTyping(conversationId, typing, draft));
  agentSocket.on('read:update', ({ conversationId, seq }) =>
    patchSummary(conversationId, (s) => (seq > s.visitorReadSeq ? { ...s, visitorReadSeq: seq } : s)),
  );
  agentSocket.on('visitor:update', onVisitorUpdate);
  agentSocket.on('conversation:remove', ({ conversationId }) => removeConversation(conversationId));
  agentSocket.on('session:end', () => endSession());

  agentSocket.connect();
}

function disconnect(): void {
  if (!socket) return;
  const closing = socket;
  socket = null;
  closing.removeAllListeners();
  closing.disconnect();
  stopTyping();
  for (const id of Object.keys(readMarkSent)) delete readMarkSent[id];
  connection.value = 'connecting';
  clearSignedInState();
  resetOwnAssignments();
  delivery.reset();
}

async function recheckSession(agentSocket: AgentSocket): Promise<void> {
  try {
    await fetchMe();
    if (socket === agentSocket) agentSocket.connect();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) endSession();
    else setTimeout(() => socket === agentSocket && void recheckSession(agentSocket), 3_000);
  }
}

/** After every connect: the inbox, then what was missed while away, then the sends that never got an ack. */
async function afterConnect(agentSocket: AgentSocket): Promise<void> {
  const reply = await call(agentSocket, 'inbox:sync', {});
  if (socket !== agentSocket) return;
  if (!reply.ok) {
    if (reply.error.code === 'unauthenticated') endSession();
    return;
  }
  // A server from before left messages sends no `pending`.
  replaceInbox([...reply.mine, ...reply.queue, ...(reply.pending ?? [])]);
  for (const outgoing of allOutgoing()) if (outgoing.status === 'sending') void deliver(outgoing);

  const selected = selectedConversationId.peek();
  if (selected) void openSelected(selected);
  await runLimited(Object.keys(summaries.peek()).filter((id) => id !== selected).map((id) => () => catchUp(id)), 3);
}

/** The chat on screen: its summary (fetched when it is not in the inbox, e.g. a closed one), history and visitor. */
async function openSelected(conversationId: string): Promise<void> {
  let summary = summaries.peek()[conversationId];
  if (!summary) {
    try {
      summary = upsertSummary((await fetchConversation(conversationId)).conversation).after;
    } catch {
      markMissing(conversationId);
      return;
    }
  }
  void loadVisitor(summary.visitorId);
  void loadCanned(summary.siteId);
  await loadHistory(conversationId);
}

/* ---------- messages ---------- */

/** Fetches every page after `afterSeq`, merging as it goes. */
async function syncAfter(conversationId: string, afterSeq: number): Promise<boolean> {
  let cursor = afterSeq;
  for (;;) {
    const agentSocket = socket;
    if (!agentSocket?.connected) return false;
    const reply = await call(agentSocket, 'message:sync', { conversationId, afterSeq: cursor });
    if (!reply.ok || socket !== agentSocket) return false;
    addMessages(conversationId, reply.messages);
    noteDelivered(reply.messages);
    const last = reply.messages[reply.messages.length - 1];
    if (!reply.more || !last) return true;
    cursor = last.seq;
  }
}

/** The whole history of a chat, once; later calls only fetch what is new. */
export async function loadHistory(conversationId: string): Promise<void> {
  const state = historyState.peek()[conversationId];
  if (state === 'loading') return;
  if (state === 'complete') {
    await syncAfter(conversationId, lastSeqOf(threads.peek()[conversationId] ?? []));
    return;
  }
  setHistoryState(conversationId, 'loading');
  const ok = await syncAfter(conversationId, 0);
  setHistoryState(conversationId, ok ? 'complete' : 'error');
}

/**
 * Brings a background chat up to date. A chat with its full history fetches what follows its last message;
 * others fetch only the unread part, which is what the badge counts.
 */
async function catchUp(conversationId: string): Promise<void> {
  const summary = summaries.peek()[conversationId];
  if (!summary) return;
  const known = threads.peek()[conversationId] ?? [];
  if (historyState.peek()[conversationId] === 'complete') {
    if (summary.lastSeq > lastSeqOf(known)) await syncAfter(conversationId, lastSeqOf(known));
    return;
  }
  const readSeq = readSeqOf(summary, localReadSeq.peek()[conversationId]);
  if (summary.lastSeq > Math.max(readSeq, lastSeqOf(known))) await syncAfter(conversationId, readSeq);
}

function onMessage(message: Message): void {
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
  noteDelivered([message]);
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
  delivery.forget(conversationId);
  drafts.clear(conversationId);
  clearAssigned(conversationId);
  forgetOwnAssignment(conversationId);
  // No "stopped typing" for a chat that no longer exists.
  if (typingIn === conversationId) {
    clearTimeout(typingTimer);
    typingIn = null;
  }
  const visitorId = removed?.visitorId;
  if (visitorId && !Object.values(summaries.peek()).some((s) => s.visitorId === visitorId)) dropVisitor(visitorId);
  for (const listener of removeListeners) listener(conversationId);
}

function onConversationUpdate(update: ConversationSummary): void {
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
      consumeOwnAssignment(after.id) || pendingActions.peek()[after.id] === 'take' || startingFor.has(after.visitorId);
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

/* ---------- sending ---------- */

export function sendMessage(conversationId: string, body: string, kind: 'text' | 'note', attachment?: Attachment): void {
  const text = body.trim();
  if (!text) return;
  const outgoing: OutgoingMessage = {
    clientId: crypto.randomUUID(),
    conversationId,
    body: text,
    kind,
    createdAt: Date.now(),
    status: 'sending',
    ...(attachment && { attachment }),
  };
  putOutgoing(outgoing);
  // A reply in a queued chat or a left message makes it this agent's: that is their doing, not news.
  const summary = summaries.peek()[conversationId];
  if (kind === 'text' && summary && !isMine(summary, currentAgent.peek()?.id)) expectOwnAssignment(conversationId);
  // A file goes with its own message: whatever the agent was typing stays in the composer.
  if (!attachment) drafts.clear(conversationId);
  stopTyping();
  void deliver(outgoing);
}

const inFlight = new Set<string>();

/**
 * Sends until the server answers. A timeout or a drop leaves the message pending; it is sent again with the
 * same clientId after the next connect, and the server stores it once.
 */
async function deliver(outgoing: OutgoingMessage): Promise<void> {
  const agentSocket = socket;
  if (!agentSocket?.connected || inFlight.has(outgoing.clientId)) return;
  inFlight.add(outgoing.clientId);
  const reply = await call(agentSocket, 'message:send', {
    conversationId: outgoing.conversationId,
    clientId: outgoing.clientId,
    body: outgoing.body,
    kind: outgoing.kind,
    ...(outgoing.attachment && { attachmentId: outgoing.attachment.id }),
  });
  inFlight.delete(outgoing.clientId);
  if (socket !== agentSocket) return;
  if (reply.ok) {
    addMessages(outgoing.conversationId, [reply.message]);
    return;
  }
  if (reply.error.code === 'unavailable' || reply.error.code === 'rate_limited') {
    if (agentSocket.connected) setTimeout(() => retryIfPending(outgoing), 2_000);
    return;
  }
  putOutgoing({ ...outgoing, status: 'failed', error: describeError(reply.error) });
}

function retryIfPending(outgoing: OutgoingMessage): void {
  const current = findOutgoing(outgoing.conversationId, outgoing.clientId);
  if (current?.status === 'sending') void deliver(current);
}

export function retryMessage(outgoing: OutgoingMessage): void {
  const retry: OutgoingMessage = { ...outgoing, status: 'sending' };
  delete retry.error;
  putOutgoing(retry);
  void deliver(retry);
}

/* ---------- typing ---------- */

const TYPING_IDLE_MS = 3_000;
let typingIn: string | null = null;
let typingTimer: ReturnType<typeof setTimeout> | undefined;

/** Called on every keystroke of a reply (never of a note: the visitor must not see an agent typing a note). */
export function agentTyping(conversationId: string): void {
  if (typingIn !== conversationId) {
    stopTyping();
    typingIn = conversationId;
    if (socket) send(socket, 'typing:set', { conversationId, typing: true });
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
}

export function stopTyping(): void {
  clearTimeout(typingTimer);
  if (typingIn && socket) send(socket, 'typing:set', { conversationId: typingIn, typing: false });
  typingIn = null;
}

/* ---------- read marks ---------- */

/**
 * While the agent looks at a chat, everything in it is read. Only the assignee moves the server's mark, which the
 * visitor sees as "read"; a glance at a queued chat clears the badge in this console alone.
 */
function markSelectedRead(): void {
  const id = selectedConversationId.value;
  if (!id || !windowActive.value || connection.value !== 'online') return;
  const summary = summaries.value[id];
  if (!summary) return;
  const latest = lastSeqOf(threads.value[id] ?? []);
  untracked(() => {
    if (latest > readSeqOf(summary, localReadSeq.peek()[id])) setLocalRead(id, latest);
    // The server's mark lags the local one after a glance at a queued chat: taking it then marks it read.
    if (latest <= Math.max(summary.agentReadSeq, readMarkSent[id] ?? 0)) return;
    if (socket && isMine(summary, currentAgent.peek()?.id)) {
      readMarkSent[id] = latest;
      send(socket, 'read:mark', { conversationId: id, seq: latest });
    }
  });
}
/** The last read:mark sent per chat, so a summary update before the server's answer does not send it again. */
const readMarkSent: Record<string, number> = {};

/* ---------- assignment ---------- */

export async function takeConversation(conversationId: string): Promise<void> {
  await runAction(conversationId, 'take', 'conversation:take');
}

export async function closeConversation(conversationId: string): Promise<void> {
  if (typingIn === conversationId) stopTyping();
  await runAction(conversationId, 'close', 'conversation:close');
}

async function runAction(
  conversationId: string,
  action: 'take' | 'close',
  event: 'conversation:take' | 'conversation:close',
): Promise<void> {
  const agentSocket = socket;
  if (!agentSocket) return;
  setActionError(conversationId, null);
  setPendingAction(conversationId, action);
  if (action === 'take') expectOwnAssignment(conversationId);
  const reply = await call(agentSocket, event, { conversationId });
  setPendingAction(conversationId, null);
  // Either the broadcast came first and used the mark, or the ack makes the chat mine now: the mark is spent.
  if (action === 'take') forgetOwnAssignment(conversationId);
  if (reply.ok) upsertSummary(reply.conversation);
  else setActionError(conversationId, describeError(reply.error));
}

/* ---------- transfer and agent-initiated chats ---------- */

export type TransferTarget = { toAgentId: string } | { toTeamId: string };

/**
 * Hands a chat to another agent, or to a team's queue. On success the chat leaves My chats at once (the ack carries
 * the new assignee) and the screen returns to the inbox, since the chat is no longer this agent's to answer.
 * Returns the error to show, or null.
 */
export async function transferConversation(conversationId: string, target: TransferTarget, note: string): Promise<string | null> {
  const agentSocket = socket;
  if (!agentSocket) return t('error.unavailable');
  const text = note.trim();
  const reply = await call(agentSocket, 'conversation:transfer', { conversationId, ...target, ...(text ? { note: text } : {}) });
  if (socket !== agentSocket) return t('error.unavailable');
  if (!reply.ok) return describeError(reply.error);
  if (typingIn === conversationId) stopTyping();
  upsertSummary(reply.conversation);
  if (selectedConversationId.peek() === conversationId && !isMine(reply.conversation, currentAgent.peek()?.id)) navigate({ name: 'inbox' });
  return null;
}

/* ---------- supervision ---------- */

/** Supervisors and admins: every agent's load and every open or left-message chat of their sites. */
export async function fetchSupervisorOverview(): Promise<ReplyOf<'supervisor:overview'>> {
  const agentSocket = socket;
  if (!agentSocket) return { ok: false, error: { code: 'unavailable', message: 'offline' } };
  return call(agentSocket, 'supervisor:overview', {});
}

/** A supervisor takes a chat over from whoever holds it, then has it on screen. Returns the error to show, or null. */
export async function takeOverConversation(conversationId: string): Promise<string | null> {
  const agentSocket = socket;
  if (!agentSocket) return t('error.unavailable');
  expectOwnAssignment(conversationId);
  const reply = await call(agentSocket, 'conversation:takeover', { conversationId });
  forgetOwnAssignment(conversationId);
  if (socket !== agentSocket) return t('error.unavailable');
  if (!reply.ok) return describeError(reply.error);
  upsertSummary(reply.conversation);
  openConversation(conversationId);
  return null;
}

/** Visitors this console is starting a chat with, whose chat will arrive as "mine" before the ack does. */
const startingFor = new Set<string>();

/**
 * Opens a chat with a visitor on the site, the agent's message first. The clientId comes from the caller so that
 * trying again after a timeout cannot start a second chat. On success the inbox shows the new chat.
 */
export async function startConversation(visitorId: string, clientId: string, body: string): Promise<string | null> {
  const agentSocket = socket;
  const text = body.trim();
  if (!text) return null;
  if (!agentSocket) return t('error.unavailable');
  startingFor.add(visitorId);
  const reply = await call(agentSocket, 'conversation:start', { visitorId, clientId, body: text });
  startingFor.delete(visitorId);
  if (socket !== agentSocket) return t('error.unavailable');
  if (!reply.ok) return describeError(reply.error);
  upsertSummary(reply.conversation);
  addMessages(reply.conversation.id, [reply.message]);
  openConversation(reply.conversation.id);
  return null;
}

/* ---------- agent status ---------- */

/** Tells the server whether this agent takes new chats. Resolves with the ack, `unavailable` when there is no socket. */
export async function emitAgentStatus(status: 'online' | 'away'): Promise<ReplyOf<'agent:status'>> {
  const agentSocket = socket;
  if (!agentSocket) return { ok: false, error: { code: 'unavailable', message: 'offline' } };
  return call(agentSocket, 'agent:status', { status });
}

/* ---------- visitors ---------- */

export async function loadVisitor(visitorId: string): Promise<void> {
  const agentSocket = socket;
  if (!agentSocket?.connected) return;
  if (!visitorContexts.peek()[visitorId]) setVisitorLoad(visitorId, 'loading');
  const reply = await call(agentSocket, 'visitor:context', { visitorId });
  if (socket !== agentSocket) return;
  if (reply.ok) putVisitorContext(reply.context);
  else if (!visitorContexts.peek()[visitorId]) setVisitorLoad(visitorId, 'error');
}

function onVisitorUpdate(context: VisitorContext): void {
  applyLiveVisitorUpdate(context);
  const interesting =
    visitorContexts.peek()[context.visitorId] ||
    Object.values(summaries.peek()).some((s) => s.visitorId === context.visitorId);
  if (interesting) putVisitorContext(context);
}

/* ---------- helpers ---------- */

async function runLimited(tasks: ReadonlyArray<() => Promise<unknown>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!().catch(() => undefined);
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
