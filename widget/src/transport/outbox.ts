import { effect } from '@preact/signals-core';
import { acceptConversation, conversation } from '../state/conversation';
import { markFailed, outbox, settle, type ChatMessage } from '../state/messages';
import { connection } from '../state/session';
import { retryDelay } from './backoff';
import { ACK_TIMEOUT, announce, noop, online, socket } from './link';
import { advance } from './sync';

/** Ack errors that a resend cannot fix. */
const PERMANENT = ['bad_request', 'payload_too_large', 'forbidden', 'not_found'];

let flushing = false;
/** Sends in a row the server did not answer for: each resend waits longer, until it answers again. */
let failures = 0;
let retry: ReturnType<typeof setTimeout> | undefined;

/** Sends the outbox oldest first, one at a time so the server numbers them in the order they were written. */
export async function flush(): Promise<void> {
  if (flushing || !socket) return;
  flushing = true;
  let m: ChatMessage | undefined;
  while (online() && (m = outbox.peek()[0])) {
    const c = conversation.peek();
    // A resolved conversation is not written to: the server starts a new one.
    const current = c && c.status !== 'resolved' ? c : undefined;
    const reply = await socket
      .timeout(ACK_TIMEOUT)
      .emitWithAck('message:send', {
        clientId: m.clientId,
        body: m.body,
        ...(current && { conversationId: current.id }),
        ...(m.impressionId && { impressionId: m.impressionId }),
        ...(m.prechat && { prechat: m.prechat }),
        ...(m.teamId && { teamId: m.teamId }),
        ...(m.attachmentId && { attachmentId: m.attachmentId }),
      })
      .catch(noop);
    if (reply?.ok) {
      acceptConversation(reply.conversation);
      announce(reply.message);
      settle(m.clientId, reply.message);
      advance(reply.message);
    } else if (reply?.error.code === 'conversation_closed' && current) {
      conversation.value = { ...current, status: 'resolved' };
    } else if (reply && PERMANENT.includes(reply.error.code)) {
      markFailed(m.clientId);
    } else {
      // Timeout, rate limit, server trouble: the same clientId goes again later, and the server dedupes it.
      // One timer at a time: a flush started meanwhile (a new message) must not add a second schedule.
      clearTimeout(retry);
      retry = setTimeout(flush, retryDelay(failures++));
      break;
    }
    failures = 0;
  }
  flushing = false;
}

/** Sends whatever the visitor writes as soon as the connection is up; writing wakes an erased visitor's. */
export function sendOutbox(wake: () => void): void {
  effect(() => {
    if (outbox.value.length) wake();
    if (connection.value === 'online' && outbox.value.length) void flush();
  });
}
