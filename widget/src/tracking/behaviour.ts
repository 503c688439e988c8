import type { BehaviourReport } from '@causette/shared';

export const REPORT_EVERY_MS = 5000;
/** Reports sent at once (exit intent, milestone, idle) still go out at most this often. */
export const MIN_GAP_MS = 1000;
export const IDLE_MS = 30_000;
const FAST_SCROLL_PX = 300;
const FAST_SCROLL_MS = 300;

export interface BehaviourOptions {
  send(report: BehaviourReport): void;
  /** Visible time on the site spent before this page load (ms), and where to keep it for the next one. */
  visit?: { get(): number; set(ms: number): void };
  w?: Window;
  now?: () => number;
}

/**
 * Time on page and on site (visible time only), scroll depth, idle time and exit intent, reported as the
 * contract says: every 5 s while visible, and at once on exit intent, a scroll milestone or idle start.
 * Every listener is passive and does little work: the shop's page must not feel it.
 */
export function trackBehaviour({ send, visit, w = window, now = Date.now }: BehaviourOptions) {
  const doc = w.document;
  const visible = () => doc.visibilityState === 'visible';
  let pageMs = 0;
  let siteMs = visit?.get() || 0;
  let visibleSince = visible() ? now() : 0;
  let depth = 0;
  let milestone = 0;
  let lastInput = now();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let exitPending = false;
  let frame = 0;
  let samples: [at: number, y: number][] = [];

  /** Folds the visible time since the last call into the totals. */
  const settle = () => {
    if (visibleSince) {
      const t = now();
      pageMs += t - visibleSince;
      siteMs += t - visibleSince;
      visibleSince = t;
    }
  };

  /** Max % of this page seen so far; true when a 25 % milestone was crossed. */
  const measure = () => {
    const el = doc.documentElement;
    const height = el.scrollHeight;
    const seen = height ? Math.min(100, Math.round(((w.scrollY + w.innerHeight) / height) * 100)) : 0;
    depth = Math.max(depth, seen);
    const reached = Math.floor(depth / 25);
    return reached > milestone && (milestone = reached);
  };

  const flush = () => {
    clearTimeout(pending);
    pending = undefined;
    if (!visible()) return;
    settle();
    measure();
    lastSent = now();
    const idle = lastSent - lastInput;
    send({
      timeOnPage: Math.min(86_400, Math.floor(pageMs / 1000)),
      timeOnSite: Math.min(604_800, Math.floor(siteMs / 1000)),
      scrollDepth: depth,
      idleSeconds: idle >= IDLE_MS ? Math.min(86_400, Math.floor(idle / 1000)) : 0,
      exitIntent: exitPending,
    });
    exitPending = false;
    visit?.set(siteMs);
  };

  /** A report now, or as soon as the 1/s limit allows; an exit intent in between is not lost. */
  const soon = (exit = false) => {
    exitPending ||= exit;
    const wait = lastSent + MIN_GAP_MS - now();
    if (wait <= 0) flush();
    else pending ||= setTimeout(flush, wait);
  };

  const checkIdle = () => {
    const left = lastInput + IDLE_MS - now();
    if (left > 0) idleTimer = setTimeout(checkIdle, left);
    else {
      idleTimer = undefined;
      soon();
    }
  };
  const onInput = () => {
    lastInput = now();
    // One timer at a time, re-armed when it fires: not a clearTimeout on every mouse move.
    idleTimer ||= setTimeout(checkIdle, IDLE_MS);
  };

  // Touch screens: a quick flick back up towards the top of the page, or the back button, means leaving.
  const touch = () => w.matchMedia?.('(pointer: coarse)').matches;
  const onScroll = () => {
    onInput();
    if (!frame) frame = w.requestAnimationFrame(() => (frame = 0) || (measure() && soon()));
    if (!touch()) return;
    const t = now();
    const y = w.scrollY;
    samples = samples.filter(([at]) => t - at <= FAST_SCROLL_MS);
    samples.push([t, y]);
    const top = Math.max(...samples.map(([, sy]) => sy));
    if (top - y >= FAST_SCROLL_PX && y <= (doc.documentElement.scrollHeight - w.innerHeight) / 2) {
      samples = [];
      soon(true);
    }
  };
  const onMouseOut = (e: MouseEvent) => {
    if (e.clientY <= 0 && !e.relatedTarget) soon(true);
  };
  const onPopState = () => touch() && soon(true);
  const onVisibility = () => {
    settle();
    visibleSince = visible() ? now() : 0;
    // The visit's time is kept while this tab is hidden; another tab may add to it meanwhile.
    if (visibleSince) siteMs = Math.max(siteMs, visit?.get() || 0);
    else visit?.set(siteMs);
  };

  const passive = { passive: true, capture: true };
  for (const name of ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart']) w.addEventListener(name, onInput, passive);
  w.addEventListener('scroll', onScroll, passive);
  w.addEventListener('popstate', onPopState);
  doc.addEventListener('mouseout', onMouseOut, passive);
  doc.addEventListener('visibilitychange', onVisibility);
  setInterval(() => visible() && soon(), REPORT_EVERY_MS);
  idleTimer = setTimeout(checkIdle, IDLE_MS);

  return {
    /** An SPA navigation: time on page and scroll depth start again. */
    newPage(): void {
      settle();
      pageMs = depth = milestone = 0;
      samples = [];
    },
  };
}
