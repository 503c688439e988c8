import type { Attachment } from '@causette/shared';
import { call, type ReplyOf } from '../../api/socket.js';
import { t } from '../../i18n/i18n.js';
import { setActionError, setPendingAction, summaries, upsertSummary } from '../conversations.js';
import { drafts } from '../drafts.js';
import { isMine } from '../inbox.js';
import { addMessages, allOutgoing, findOutgoing, putOutgoing } from '../messages.js';
import { navigate, openConversation, selectedConversationId } from '../router.js';
import { currentAgent } from '../session.js';
import type { OutgoingMessage } from '../thread.js';
import { describeError } from './describe-error.js';
import { currentSession } from './session.js';

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
  const session = currentSession();
  if (kind === 'text' && summary && !isMine(summary, currentAgent.peek()?.id)) session?.ownAssignments.expect(conversationId);
  // A file goes with its own message: whatever the agent was typing stays in the composer.
  if (!attachment) drafts.clear(conversationId);
  stopTyping();
  void deliver(outgoing);
}

/** After a connect: the sends that never got an ack go again, with their clientId. */
export function resendPending(): void {
  for (const outgoing of allOutgoing()) if (outgoing.status === 'sending') void deliver(outgoing);
}

/**
 * Sends until the server answers. A timeout or a drop leaves the message pending; it is sent again with the
 * same clientId after the next connect, and the server stores it once.
 */
async function deliver(outgoing: OutgoingMessage): Promise<void> {
  const session = currentSession();
  if (!session?.socket.connected || session.inFlight.has(outgoing.clientId)) return;
  session.inFlight.add(outgoing.clientId);
  const reply = await call(session.socket, 'message:send', {
    conversationId: outgoing.conversationId,
    clientId: outgoing.clientId,
    body: outgoing.body,
    kind: outgoing.kind,
    ...(outgoing.attachment && { attachmentId: outgoing.attachment.id }),
  });
  session.inFlight.delete(outgoing.clientId);
  if (!session.live) return;
  if (reply.ok) {
    addMessages(outgoing.conversationId, [reply.message]);
    return;
  }
  if (reply.error.code === 'unavailable' || reply.error.code === 'rate_limited') {
    if (session.socket.connected) setTimeout(() => retryIfPending(outgoing), 2_000);
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

/** Called on every keystroke of a reply (never of a note: the visitor must not see an agent typing a note). */
export function agentTyping(conversationId: string): void {
  currentSession()?.typing.keystroke(conversationId);
}

export function stopTyping(): void {
  currentSession()?.typing.stop();
}

/* ---------- assignment ---------- */

export async function takeConversation(conversationId: string): Promise<void> {
  await runAction(conversationId, 'take', 'conversation:take');
}

export async function closeConversation(conversationId: string): Promise<void> {
  currentSession()?.typing.stopIn(conversationId);
  await runAction(conversationId, 'close', 'conversation:close');
}

async function runAction(
  conversationId: string,
  action: 'take' | 'close',
  event: 'conversation:take' | 'conversation:close',
): Promise<void> {
  const session = currentSession();
  if (!session) return;
  setActionError(conversationId, null);
  setPendingAction(conversationId, action);
  if (action === 'take') session.ownAssignments.expect(conversationId);
  const reply = await call(session.socket, event, { conversationId });
  setPendingAction(conversationId, null);
  // Either the broadcast came first and used the mark, or the ack makes the chat mine now: the mark is spent.
  if (action === 'take') session.ownAssignments.forget(conversationId);
  if (reply.ok) upsertSummary(reply.conversation);
  else setActionError(conversationId, describeError(reply.error));
}

/* ---------- transfer, takeover and agent-initiated chats ---------- */

export type TransferTarget = { toAgentId: string } | { toTeamId: string };

/**
 * Hands a chat to another agent, or to a team's queue. On success the chat leaves My chats at once (the ack carries
 * the new assignee) and the screen returns to the inbox, since the chat is no longer this agent's to answer.
 * Returns the error to show, or null.
 */
export async function transferConversation(conversationId: string, target: TransferTarget, note: string): Promise<string | null> {
  const session = currentSession();
  if (!session) return t('error.unavailable');
  const text = note.trim();
  const reply = await call(session.socket, 'conversation:transfer', { conversationId, ...target, ...(text ? { note: text } : {}) });
  if (!session.live) return t('error.unavailable');
  if (!reply.ok) return describeError(reply.error);
  session.typing.stopIn(conversationId);
  upsertSummary(reply.conversation);
  if (selectedConversationId.peek() === conversationId && !isMine(reply.conversation, currentAgent.peek()?.id)) navigate({ name: 'inbox' });
  return null;
}

/** A supervisor takes a chat over from whoever holds it, then has it on screen. Returns the error to show, or null. */
export async function takeOverConversation(conversationId: string): Promise<string | null> {
  const session = currentSession();
  if (!session) return t('error.unavailable');
  session.ownAssignments.expect(conversationId);
  const reply = await call(session.socket, 'conversation:takeover', { conversationId });
  session.ownAssignments.forget(conversationId);
  if (!session.live) return t('error.unavailable');
  if (!reply.ok) return describeError(reply.error);
  upsertSummary(reply.conversation);
  openConversation(conversationId);
  return null;
}

/**
 * Opens a chat with a visitor on the site, the agent's message first. The clientId comes from the caller so that
 * trying again after a timeout cannot start a second chat. On success the inbox shows the new chat.
 */
export async function startConversation(visitorId: string, clientId: string, body: string): Promise<string | null> {
  const session = currentSession();
  const text = body.trim();
  if (!text) return null;
  if (!session) return t('error.unavailable');
  session.startingFor.add(visitorId);
  const reply = await call(session.socket, 'conversation:start', { visitorId, clientId, body: text });
  session.startingFor.delete(visitorId);
  if (!session.live) return t('error.unavailable');
  if (!reply.ok) return describeError(reply.error);
  upsertSummary(reply.conversation);
  addMessages(reply.conversation.id, [reply.message]);
  openConversation(reply.conversation.id);
  return null;
}

/* ---------- supervision and agent status ---------- */

/** Supervisors and admins: every agent's load and every open or left-message chat of their sites. */
export async function fetchSupervisorOverview(): Promise<ReplyOf<'supervisor:overview'>> {
  const session = currentSession();
  if (!session) return { ok: false, error: { code: 'unavailable', message: 'offline' } };
  return call(session.socket, 'supervisor:overview', {});
}

/** Tells the server whether this agent takes new chats. Resolves with the ack, `unavailable` when there is no socket. */
export async function emitAgentStatus(status: 'online' | 'away'): Promise<ReplyOf<'agent:status'>> {
  const session = currentSession();
  if (!session) return { ok: false, error: { code: 'unavailable', message: 'offline' } };
  return call(session.socket, 'agent:status', { status });
}
