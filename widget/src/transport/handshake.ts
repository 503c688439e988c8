import { batch } from '@preact/signals-core';
import { Manager } from 'socket.io-client';
import { SYNC_PAGE_SIZE } from '@causette/shared/limits';
import { VISITOR_NAMESPACE } from '@causette/shared/namespaces';
import { scriptLanguage } from '../i18n';
import { acceptConversation, agentTyping, conversation, visitorRead } from '../state/conversation';
import { addMessages, latestSeq, messages } from '../state/messages';
import { draft } from '../state/panel';
import { agentsOnline, connection, forgotten, opening, site, token, visitorId } from '../state/session';
import { takeImpression, teaser } from '../state/teaser';
import { ACK_TIMEOUT, hold, noop, online, options, RETRY_MS, socket, type TransportOptions, type VisitorSocket } from './link';
import { confirm, sync, through } from './sync';
import { forgetTracking, retell } from './tracking';
import { forgetTyping } from './typing';

/** Handshake refusals that a reconnect cannot fix. */
const FATAL = ['origin_not_allowed', 'not_found', 'forbidden', 'bad_request'];

/** Whether the handshake may ask socket.io to recover the previous session (see auth below). */
let recovery = true;
/** The resume link's token, until the first handshake has carried it. */
let link: string | undefined;

/** Opens the page's connection: the handshake presents the site and the visitor's token, then session:resume. */
export function open(o: TransportOptions): VisitorSocket {
  const { siteKey } = o;
  link = o.resume;
  // A Manager of its own rather than io(): the widget opens one connection, io()'s cache and URL parsing are bytes.
  // WebSocket first: long-polling's HTTP round trips before the upgrade cost the shop page main-thread time
  // (bench:page); networks that refuse WebSockets still connect, over polling (tryAllTransports).
  const s: VisitorSocket = hold(
    new Manager(o.base, { transports: ['websocket', 'polling'], tryAllTransports: true }).socket(VISITOR_NAMESPACE, {
      // A function, so every reconnect presents the latest token (the server may mint one, another tab may share one).
      // Undefined values are dropped by JSON. socket.io-client adds `pid` and `offset` to recover the session; a
      // server whose handshake schema refuses unknown keys answers bad_request, and then undefined ones opt out of
      // recovery: session:resume brings back whatever was missed anyway.
      auth: (cb) => (cb({ siteKey, token: token.peek(), resume: link, ...(!recovery && { pid: undefined, offset: undefined }) }), (link = undefined)),
    }),
    o,
  );
  s.on('connect', resume);
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
  s.on('session:end', (p) => p.reason == 'erased' && end());
  return s;
}

/** Asks the server who the visitor is and what is current, takes the (maybe rotated) token, then goes online. */
async function resume(): Promise<void> {
  const asked = conversation.peek()?.id ?? options.conversationId;
  const afterSeq = asked ? (through.get(asked) ?? latestSeq(asked)) : 0;
  const reply = await socket!
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
    setTimeout(() => socket!.connected && resume(), RETRY_MS);
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
  if (!socket!.connected) return; // dropped meanwhile: the next connect resumes again
  connection.value = 'online';
  retell();
  options.onReady();
}

// The visitor's data was erased (asked here or in another tab): forget everything held about them, and stay
// away until they write again, then as someone new (no token, no recovered session). The server closes anyway.
function end(): void {
  recovery = false;
  socket!.disconnect();
  options.conversationId = undefined;
  through.clear();
  forgetTracking();
  forgetTyping();
  takeImpression();
  options.onEnd();
  batch(() => {
    messages.value = [];
    conversation.value = visitorRead.value = agentTyping.value = teaser.value = null;
    token.value = visitorId.value = undefined;
    draft.value = '';
    forgotten.value = true;
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

/** Asks the server again what is current (another tab wrote a different conversation). */
export function resync(): void {
  if (socket?.connected) void resume();
}

/** Hands the connection over to a token another tab stored. */
export function reconnect(): void {
  socket?.disconnect().connect();
}
