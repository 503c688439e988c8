import type { VisitorClientToServer } from '@causette/shared';
import type { LeaveInput, LeaveReply } from '../state/offline';
import { ACK_TIMEOUT, announce, noop, online, socket } from './link';
import { advance } from './sync';

/**
 * Sends the leave-a-message form once (state/offline.ts shows the outcome and holds the message); the caller
 * retries with the same clientId, which the server dedupes.
 */
export async function leaveMessage(input: LeaveInput): Promise<LeaveReply | undefined> {
  if (!online()) return;
  const reply = await socket!.timeout(ACK_TIMEOUT).emitWithAck('message:leave', input).catch(noop);
  if (reply?.ok) {
    announce(reply.message);
    advance(reply.message);
  }
  return reply || undefined;
}

/** One request with an ack (the panel's rating, history, transcript); undefined when offline or unanswered. */
export async function ask<E extends 'conversation:rate' | 'conversation:list' | 'message:sync' | 'transcript:request'>(
  event: E,
  payload: Parameters<VisitorClientToServer[E]>[0],
): Promise<Parameters<Parameters<VisitorClientToServer[E]>[1]>[0] | undefined> {
  if (!online()) return;
  const timed = socket!.timeout(ACK_TIMEOUT) as unknown as { emitWithAck(e: E, p: unknown): Promise<never> };
  return timed.emitWithAck(event, payload).catch(() => undefined);
}
