import { batch, effect } from '@preact/signals-core';
import { Manager, type Socket } from 'socket.io-client';
import { SYNC_PAGE_SIZE } from '@causette/shared/limits';
import type {
  BehaviourReport,
  Cart,
  IdentifyInput,
  Message,
  PageViewInput,
  TrackInput,
  VisitorClientToServer,
  VisitorServerToClient,
} from '@causette/shared';
import type { LeaveInput, LeaveReply } from '../state/offline';
import {
  acceptConversation,
  AGENT_AUTHORS,
  agentTyping,
  conversation,
  setAgentReadSeq,
  visitorRead,
} from '../state/conversation';
import { addMessages, latestSeq, markFailed, messages, outbox, settle, type ChatMessage } from '../state/messages';
import { draft } from '../state/panel';
import { agentsOnline, connection, forgotten, identified, opening, site, token, visitorId } from '../state/session';
import { step } from './gaps';
import { scriptLanguage } from '../i18n';
import { onTeaserEvent, showTeaser, takeImpression, teaser } from '../state/teaser';
import type { TypingFrame } from '../state/typing';

type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

const ACK_TIMEOUT = 10_000;
const RETRY_MS = 5000;
/** Ack errors that a resend cannot fix. */
const PERMANENT = ['bad_request', 'payload_too_large', 'forbidden', 'not_found'];
/** Handshake refusals that a reconnect cannot fix. */
const FATAL = ['origin_not_allowed', 'not_found', 'forbidden', 'bad_request'];

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

let socket: VisitorSocket | undefined;
/** Per conversation, the seq up to which the server has confirmed this page holds everything (see gaps.ts). */
const through = new Map<string, number>();
let advance: (m: Message) => void = () => {};
let announce: (message: Message) => void = () => {};
let resume: () => void = () => {};
let end: () => void = () => {};
/** Sent again after every connect: only the latest page, cart and identity matter. */
let latest: { page?: PageViewInput; cart?: Cart; identity?: IdentifyInput } = {};
/** Behaviour events made while offline or before consent, in order. */
const tracked: TrackInput[] = [];
/** What of `latest` this connection has sent already. */
let sent: { page?: PageViewInput; cart?: Cart } = {};
const noop = () => {};
const online = () => connection.peek() === 'online';
/** Behaviour (pages, cart, figures, custom events) waits for consent where the site requires it. */
let consented = (): boolean => true;
const mayTrack = () => online() && consented();
const held = (m: Message) => messages.peek().some((o) => o.seq === m.seq && o.conversationId === m.conversationId);

/** The Causette server this widget talks to, and its site: file uploads and attachment links go there. */
export const endpoint = { base: '', site: '' };

export function connect(options: TransportOptions): void {
  const { siteKey } = options;
  endpoint.base = options.base;
  endpoint.site = siteKey;
  let link = options.resume;
  let recovery = true;
  // A Manager of its own rather than io(): the widget opens one connection, io()'s cache and URL parsing are bytes.
  // WebSocket first: long-polling's HTTP round trips before the upgrade cost the shop page main-thread time
  // (bench:page); networks that refuse WebSockets still connect, over polling (tryAllTransports).
  const s: VisitorSocket = (socket = new Manager(options.base, { transports: ['websocket', 'polling'], tryAllTransports: true }).socket('/visitor', {
    // A function, so every reconnect presents the latest token (the server may mint one, another tab may share one).
    // Undefined values are dropped by JSON. socket.io-client adds `pid` and `offset` to recover the session; a
    // server whose handshake schema refuses unknown keys answers bad_request, and then undefined ones opt out of
    // recovery: session:resume brings back whatever was missed anyway.
    auth: (cb) => (cb({ siteKey, token: token.peek(), resume: link, ...(!recovery && { pid: undefined, offset: undefined }) }), (link = undefined)),
  }));
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  announce = (m) => held(m) || options.onMessage(m);

  const sync = async (conversationId: string, afterSeq: number) => {
    for (;;) {
      const reply = await s.timeout(ACK_TIMEOUT).emitWithAck('message:sync', { conversationId, afterSeq }).catch(noop);
      if (!reply?.ok) return;
      addMessages(reply.messages);
      const last = reply.messages[reply.messages.length - 1];
      if (!reply.more || !last) return confirm(conversationId);
      afterSeq = last.seq;
    }
  };
  /** The server has answered everything visible after `through`: what is held now is complete. */
  const confirm = (conversationId: string) =>
    through.set(conversationId, Math.max(through.get(conversationId) ?? 0, latestSeq(conversationId)));
  advance = (m) => {
    const next = step(through.get(m.conversationId) ?? 0, m.seq);
    if ('through' in next) through.set(m.conversationId, next.through);
    // Only once resumed: until then session:resume is about to bring the same messages.
    else if (online()) void sync(m.conversationId, next.syncAfter);
  };

  resume = async () => {
    const asked = conversation.peek()?.id ?? options.conversationId;
    const afterSeq = asked ? (through.get(asked) ?? latestSeq(asked)) : 0;
    const reply = await s
      .timeout(ACK_TIMEOUT)
      .emitWithAck('session:resume', {
        ...(asked && { conversationId: asked }),
        ...(afterSeq && { afterSeq }),
        // Where the visitor is, and the language the shop's page chose for them (its script): emails follow both.
        ...(scriptLanguage.value && { language: scriptLanguage.value }),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      })
      .catch(noop);
    if (!reply?.ok) {
      setTimeout(() => s.connected && resume(), RETRY_MS);
      return;
    }
    if (visitorId.peek() && visitorId.peek() !== reply.visitorId) {
      // Another visitor now (a token from another tab): what this page held belongs to the previous one.
      messages.value = messages.peek().filter((m) => m.seq == null);
      conversation.value = visitorRead.value = null;
    }
    visitorId.value = reply.visitorId;
    token.value = reply.token;
    site.value = reply.site;
    agentsOnline.value = reply.agentsOnline !== false;
    if (reply.opening) opening.value = reply.opening;
    acceptConversation(reply.conversation);
    addMessages(reply.messages);
    const current = reply.conversation?.id;
    // afterSeq only means something for the conversation it was counted in; and a full page may have a sequel.
    if (current && afterSeq && (current !== asked || reply.messages.length >= SYNC_PAGE_SIZE))
      await sync(current, current === asked ? latestSeq(current) : 0);
    else if (current) confirm(current);
    if (!s.connected) return; // dropped meanwhile: the next connect resumes again
    connection.value = 'online';
    if (latest.identity) s.emit('visitor:identify', latest.identity);
    sent = {};
    flushTracking();
    options.onReady();
  };

  s.on('connect', resume);
  s.on('disconnect', () => {
    connection.value = 'offline';
    agentTyping.value = null;
  });
  s.on('connect_error', (error) => {
    if (s.active) return; // a network failure: socket.io retries by itself
    if (error.message == 'bad_request' && recovery) {
      recovery = false;
      return s.connect();
    }
    // The server refused the handshake: retry only what may pass later (rate limit, restart).
    const fatal = FATAL.includes(error.message);
    connection.value = fatal ? 'unavailable' : 'offline';
    if (!fatal) setTimeout(() => s.connect(), RETRY_MS);
  });
  s.on('message:new', (m) => {
    announce(m);
    addMessages([m]);
    advance(m);
    if (AGENT_AUTHORS.includes(m.author)) agentTyping.value = null;
  });
  s.on('conversation:update', acceptConversation);
  s.on('teaser:show', showTeaser);
  s.on('site:availability', (p) => {
    agentsOnline.value = p.agentsOnline;
    if (p.opening) opening.value = p.opening;
  });
  // Keeps what only session:resume brings (the pre-chat topics) when the settings change.
  s.on('site:update', (p) => (site.value = { ...site.peek(), ...p }));
  // The visitor's data was erased (asked here or in another tab): forget everything held about them, and stay
  // away until they write again, then as someone new (no token, no recovered session). The server closes anyway.
  end = () => {
    recovery = false;
    s.disconnect();
    options.conversationId = undefined;
    through.clear();
    latest = sent = {};
    tracked.length = 0;
    typingSent = { typing: false };
    takeImpression();
    options.onEnd();
    batch(() => {
      messages.value = [];
      conversation.value = visitorRead.value = agentTyping.value = teaser.value = null;
      token.value = visitorId.value = undefined;
      draft.value = '';
      forgotten.value = true;
    });
  };
  s.on('session:end', (p) => p.reason == 'erased' && end());
  onTeaserEvent((event, impressionId) => online() && s.emit(event, { impressionId }));
  s.on('read:update', (p) => setAgentReadSeq(p.conversationId, p.seq));
  s.on('typing:update', (p) => {
    if (p.conversationId !== conversation.peek()?.id) return;
    clearTimeout(typingTimer);
    agentTyping.value = p.typing ? p.name || '' : null;
    // A lost "stopped typing" must not leave the indicator on forever.
    if (p.typing) typingTimer = setTimeout(() => (agentTyping.value = null), 10_000);
  });

  effect(() => {
    if (outbox.value.length) wake();
    if (connection.value === 'online' && outbox.value.length) void flush();
  });
  // Agent messages reached this device: the agent sees "delivered". At most one report per half second.
  let deliveredSent = '';
  let deliverTimer: unknown;
  effect(() => {
    if (connection.value !== 'online' || !conversation.value || !messages.value || deliverTimer) return;
    deliverTimer = setTimeout(() => {
      deliverTimer = undefined;
      const c = conversation.peek();
      const seq = c ? latestSeq(c.id, AGENT_AUTHORS) : 0;
      if (seq && online() && deliveredSent !== c!.id + seq) {
        s.emit('message:delivered', { conversationId: c!.id, seq });
        deliveredSent = c!.id + seq;
      }
    }, 500);
  });
  let readSent: unknown;
  effect(() => {
    const read = visitorRead.value;
    if (connection.value === 'online' && read && read !== readSent) {
      s.emit('read:mark', { conversationId: read.c, seq: read.s });
      readSent = read;
    }
  });
}

/** Erases the visitor on the server; true once it is done here (session:end, or the ack if that went astray). */
export async function forgetVisitor(): Promise<boolean> {
  const reply = online() && (await socket!.timeout(ACK_TIMEOUT).emitWithAck('visitor:forget', {}).catch(noop));
  if (reply && reply.ok && !forgotten.peek()) end();
  return forgotten.peek();
}

/** After an erasure, the visitor's next message (or leave-a-message form) connects again, as a new visitor. */
export function wake(): void {
  if (forgotten.peek()) {
    forgotten.value = false;
    socket!.connect();
  }
}

/** The last typing state sent: a "stopped" with the same draft says nothing new. */
let typingSent: TypingFrame = { typing: false };

/** Tells the agent side the visitor is typing (and what, with typing preview); only within a live conversation. */
export function sendTyping(frame: TypingFrame): void {
  const c = conversation.peek();
  const last = typingSent;
  if (!online() || !c || c.status === 'resolved') return;
  if (!frame.typing && !last.typing && (frame.draft || '') === (last.draft || '')) return;
  socket!.emit('typing:set', { conversationId: c.id, ...frame });
  typingSent = frame;
}

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

let flushing = false;

/** Sends the outbox oldest first, one at a time so the server numbers them in the order they were written. */
async function flush(): Promise<void> {
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
      setTimeout(flush, RETRY_MS);
      break;
    }
  }
  flushing = false;
}

/** Sets what says behaviour may be sent (consent given, or not required by the site). */
export function gateTracking(allowed: () => boolean): void {
  consented = allowed;
}

/** Sends the current page and cart, if this connection has not yet, and the events held back. */
export function flushTracking(): void {
  if (!mayTrack()) return;
  if (latest.page && latest.page !== sent.page) socket!.emit('page:view', (sent.page = latest.page));
  if (latest.cart && latest.cart !== sent.cart) socket!.emit('cart:update', (sent.cart = latest.cart));
  while (tracked.length) socket!.emit('event:track', tracked.shift()!);
}

export function pageView(view: PageViewInput): void {
  latest.page = view;
  flushTracking();
}

export function updateCart(cart: Cart): void {
  latest.cart = cart;
  flushTracking();
}

export function identify(identity: IdentifyInput): void {
  latest.identity = identity;
  identified.value = !!identity.id;
  if (online()) socket!.emit('visitor:identify', identity);
}

/** Behaviour figures are only worth sending now: the next report replaces a lost one. */
export function report(figures: BehaviourReport): void {
  if (mayTrack()) socket!.emit('behaviour:report', figures);
}

export function track(event: TrackInput): void {
  if (tracked.length < 50) tracked.push(event);
  flushTracking();
}

/** Asks the server again what is current (another tab wrote a different conversation). */
export function resync(): void {
  if (socket?.connected) resume();
}

/** Hands the connection over to a token another tab stored. */
export function reconnect(): void {
  socket?.disconnect().connect();
}
