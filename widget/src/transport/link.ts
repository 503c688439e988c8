import type { Socket } from 'socket.io-client';
import type { Message, VisitorClientToServer, VisitorServerToClient } from '@causette/shared';
import { messages } from '../state/messages';
import { connection } from '../state/session';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

export interface TransportOptions {
  base: string;
  siteKey: string;
  /** The conversation a previous page was in, until the server says which one is current. */
  conversationId?: string | undefined;
  /** A resume link's token (`#causette-resume=` from an email): sent with the first handshake only. */
  resume?: string | undefined;
  onReady(): void;
  /** Each message the server stored, once, as it arrives live. */
  onMessage(message: Message): void;
  /** The visitor's data was erased (`session:end`): forget what is stored. */
  onEnd(): void;
}

export const ACK_TIMEOUT = 10_000;
/** How long a refused handshake or an unanswered session:resume waits before trying again. */
export const RETRY_MS = 5000;
export const noop = () => {};
export const online = () => connection.peek() === 'online';

/** The Causette server this widget talks to, and its site: file uploads and attachment links go there. */
export const endpoint = { base: '', site: '' };

/** The page's one connection and what the page asked of it; undefined until connect(). */
export let socket: VisitorSocket | undefined;
export let options: TransportOptions;

export function hold(s: VisitorSocket, o: TransportOptions): VisitorSocket {
  options = o;
  endpoint.base = o.base;
  endpoint.site = o.siteKey;
  return (socket = s);
}

const held = (m: Message) => messages.peek().some((o) => o.seq === m.seq && o.conversationId === m.conversationId);

/** Tells the page about a message the server stored, unless this page already holds it. */
export const announce = (m: Message) => held(m) || options.onMessage(m);
