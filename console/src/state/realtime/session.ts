import type { Message } from '@causette/shared';
import { send, type AgentSocket } from '../../api/socket.js';
import { DeliveryReporter } from '../delivery.js';
import { AgentTypingSignal } from './agent-typing.js';
import { OwnAssignments } from './own-assignments.js';

/**
 * What the realtime layer holds for one sign-in, from the socket's creation to sign-out. Dropping the object
 * forgets it all at once: nothing per-sign-in lives in module variables that sign-out would have to reset one by
 * one. (The per-noun signals that screens read stay module signals and register their reset in `sign-out.ts`.)
 */
export class SignInSession {
  /** The visitor's "delivered" ticks: visitor messages that reached this console. */
  readonly delivery: DeliveryReporter;
  readonly typing: AgentTypingSignal;
  readonly ownAssignments = new OwnAssignments();
  /** The last read:mark sent per chat, so a summary update before the server's answer does not send it again. */
  readonly readMarkSent = new Map<string, number>();
  /** Sends waiting for their ack, by clientId, so a resend does not overtake them. */
  readonly inFlight = new Set<string>();
  /** Visitors this console is starting a chat with, whose chat will arrive as "mine" before the ack does. */
  readonly startingFor = new Set<string>();
  private over = false;

  constructor(readonly socket: AgentSocket) {
    this.delivery = new DeliveryReporter(
      (conversationId, seq) => send(socket, 'message:delivered', { conversationId, seq }),
      () => socket.connected,
    );
    this.typing = new AgentTypingSignal(socket);
  }

  /** False once signed out: answers that arrive later belong to nobody. */
  get live(): boolean {
    return !this.over;
  }

  noteDelivered(messages: readonly Message[]): void {
    for (const message of messages) if (message.author === 'visitor') this.delivery.note(message.conversationId, message.seq);
  }

  /** Stops the timers; the socket is closed by the caller. */
  end(): void {
    this.over = true;
    this.typing.drop();
    this.delivery.reset();
  }
}

let current: SignInSession | null = null;

/** The signed-in agent's session, or null while signed out (or before the socket exists). */
export function currentSession(): SignInSession | null {
  return current;
}

export function beginSession(socket: AgentSocket): SignInSession {
  current = new SignInSession(socket);
  return current;
}

/** Detaches the session and returns it for closing, or null when there was none. */
export function detachSession(): SignInSession | null {
  const ending = current;
  current = null;
  ending?.end();
  return ending;
}
