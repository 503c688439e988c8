import type { BehaviourReport, Cart, IdentifyInput, PageViewInput, TrackInput } from '@causette/shared';
import { identified } from '../state/session';
import { online, socket } from './link';

/** Sent again after every connect: only the latest page, cart and identity matter. */
let latest: { page?: PageViewInput; cart?: Cart; identity?: IdentifyInput } = {};
/** Behaviour events made while offline or before consent, in order. */
const tracked: TrackInput[] = [];
/** What of `latest` this connection has sent already. */
let sent: { page?: PageViewInput; cart?: Cart } = {};
/** Behaviour (pages, cart, figures, custom events) waits for consent where the site requires it. */
let consented = (): boolean => true;
const mayTrack = () => online() && consented();

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

/** A new connection knows nothing yet: tell it who the visitor is, where they are and what they did. */
export function retell(): void {
  if (latest.identity) socket!.emit('visitor:identify', latest.identity);
  sent = {};
  flushTracking();
}

/** The visitor was erased: what was held about them is not told to whoever comes next. */
export function forgetTracking(): void {
  latest = sent = {};
  tracked.length = 0;
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
