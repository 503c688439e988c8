import { AGENT_NAMESPACE, type Ack, type AgentClientToServer, type AgentServerToClient } from '@causette/shared';
import { io, type Socket } from 'socket.io-client';

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
export type AgentEvent = keyof AgentClientToServer;
export type PayloadOf<E extends AgentEvent> = Parameters<AgentClientToServer[E]>[0];
export type ReplyOf<E extends AgentEvent> = Parameters<NonNullable<Parameters<AgentClientToServer[E]>[1]>>[0];

const ACK_TIMEOUT_MS = 10_000;

/** Same origin: the session cookie authenticates the handshake. */
export function createAgentSocket(): AgentSocket {
  return io(AGENT_NAMESPACE, { withCredentials: true, autoConnect: false });
}

/**
 * Emits and resolves with the ack. A missing ack (timeout, dropped connection) becomes an `unavailable`
 * error value so callers handle one shape; it never rejects.
 */
export function call<E extends AgentEvent>(
  socket: AgentSocket,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<ReplyOf<E>> {
  // socket.io would buffer an emit made while offline and send it after the reconnect, long after its ack timed
  // out; an action the agent saw fail must not happen later behind their back.
  if (!socket.connected) {
    return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'offline' } } as ReplyOf<E>);
  }
  return new Promise((resolve) => {
    // socket.io's typed emit cannot follow a generic event name, so the call goes through a loose view.
    const loose = socket.timeout(timeoutMs) as unknown as {
      emit(event: string, payload: unknown, ack: (err: Error | null, reply: Ack) => void): void;
    };
    loose.emit(event, payload, (err, reply) => {
      if (err) resolve({ ok: false, error: { code: 'unavailable', message: err.message } } as ReplyOf<E>);
      else resolve(reply as ReplyOf<E>);
    });
  });
}

/** Fire-and-forget events (typing, read marks, delivery receipts) whose errors the server drops anyway. */
export function send<E extends 'typing:set' | 'read:mark' | 'message:delivered'>(socket: AgentSocket, event: E, payload: PayloadOf<E>): void {
  if (!socket.connected) return;
  (socket as unknown as { emit(event: string, payload: unknown): void }).emit(event, payload);
}
