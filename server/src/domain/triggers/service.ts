/**
 * Runs the trigger engine next to each visitor's live state: on every page view, cart change, custom event and
 * behaviour report, and again when a time-based condition is due. Records impressions (holdouts included),
 * reactions and conversions, and answers the marketer's stats and test questions.
 */
import type { BehaviourReport, Teaser, Trigger, TriggerStats } from '@causette/shared';
import type { Store } from '../../store/store.js';
import { DomainError } from '../errors.js';
import type { Notifier } from '../notifier.js';
import { describeUserAgent } from '../user-agent.js';
import { HOLDOUT, decide, nextCheckIn, type TriggerResult } from './engine.js';
import { emptyState, utmOf, type VisitorState } from './state.js';

/** A purchase within this long after an impression is credited to it (last touch). */
export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 3600 * 1000;
const EVENT_MEMORY_MS = 90 * 24 * 3600 * 1000;

interface Live {
  siteId: string;
  sessionId: string;
  behaviour: BehaviourReport;
  reportedAt: number;
  /** A teaser is on screen (until dismissed, opened, or the page changes): at most one at a time. */
  showing: string | null;
  timer: NodeJS.Timeout | undefined;
  evaluating: boolean;
  again: boolean;
}

export interface VisitorRef {
  visitorId: string;
  siteId: string;
  sessionId: string;
}

export class TriggerService {
  private readonly live = new Map<string, Live>();
  private readonly cache = new Map<string, { at: number; triggers: Trigger[] }>();

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called once per evaluation (metrics). */
  onEvaluate: () => void = () => {};

  /** Rules take effect at once: every change drops the site's cached list. */
  invalidate(siteId: string): void {
    this.cache.delete(siteId);
  }

  private async active(siteId: string): Promise<Trigger[]> {
    const hit = this.cache.get(siteId);
    if (hit && this.now() - hit.at < 5000) return hit.triggers;
    const triggers = (await this.store.triggers.list(siteId)).filter((t) => t.status === 'active');
    this.cache.set(siteId, { at: this.now(), triggers });
    return triggers;
  }

  private entry(ref: VisitorRef): Live {
    let l = this.live.get(ref.visitorId);
    if (!l) {
      l = {
        siteId: ref.siteId,
        sessionId: ref.sessionId,
        behaviour: { timeOnPage: 0, timeOnSite: 0, scrollDepth: 0, idleSeconds: 0, exitIntent: false },
        reportedAt: this.now(),
        showing: null,
        timer: undefined,
        evaluating: false,
        again: false,
      };
      this.live.set(ref.visitorId, l);
    }
    l.sessionId = ref.sessionId;
    return l;
  }

  /** The visitor has no connection left on this process: forget the live part. */
  forget(visitorId: string): void {
    const l = this.live.get(visitorId);
    if (l) clearTimeout(l.timer);
    this.live.delete(visitorId);
  }

  async pageChanged(ref: VisitorRef): Promise<void> {
    const l = this.entry(ref);
    l.showing = null;
    l.behaviour = { ...l.behaviour, timeOnPage: 0, scrollDepth: 0, idleSeconds: 0, exitIntent: false };
    await this.evaluate(ref);
  }

  async behaviour(ref: VisitorRef, report: BehaviourReport): Promise<void> {
    const l = this.entry(ref);
    l.behaviour = report;
    l.reportedAt = this.now();
    await this.evaluate(ref, report.exitIntent);
    // Exit intent is a moment, not a state.
    l.behaviour = { ...l.behaviour, exitIntent: false };
  }

  /** Everything the engine may test, from the store and the live reports. */
  async state(visitorId: string, exitIntent = false): Promise<VisitorState> {
    const s = emptyState();
    const visitor = await this.store.visitors.byId(visitorId);
    const session = await this.store.sessions.latest(visitorId);
    if (!visitor || !session) return s;
    const now = this.now();
    const views = await this.store.sessions.pageViews(session.id, 200);
    const current = views.at(-1);
    const landing = views[0];
    const live = this.live.get(visitorId);
    const ua = describeUserAgent(session.userAgent);
    const visitCount = await this.store.sessions.count(visitorId);
    if (current) s.page = { url: current.url, path: current.path.split(/[?#]/)[0]!, title: current.title };
    s.referrer = landing?.referrer ?? '';
    s.utm = utmOf(landing?.url ?? '');
    s.device = ua.device;
    s.language = session.language;
    s.country = session.country;
    s.visitCount = visitCount;
    s.visitorType = visitCount > 1 ? 'returning' : 'new';
    s.sessionPageViews = views.length;
    // Time is the server's own clock since the page view, so a rule fires on time without any report.
    s.timeOnPage = current ? Math.floor((now - current.at) / 1000) : 0;
    s.timeOnSite = Math.floor((now - session.startedAt) / 1000);
    if (live) {
      s.scrollDepth = live.behaviour.scrollDepth;
      s.idleTime = live.behaviour.idleSeconds > 0 ? live.behaviour.idleSeconds + Math.floor((now - live.reportedAt) / 1000) : 0;
    }
    s.exitIntent = exitIntent;
    if (session.cart) {
      s.cart = { total: session.cart.total, items: session.cart.items.reduce((n, i) => n + i.qty, 0), skus: session.cart.items.map((i) => i.sku) };
    }
    s.events = await this.store.sessions.events(visitorId, now - EVENT_MEMORY_MS, 500);
    return s;
  }

  /** Decide now; show a teaser, record a holdout, or plan the next time-based check. */
  async evaluate(ref: VisitorRef, exitIntent = false): Promise<void> {
    const l = this.entry(ref);
    // One evaluation at a time per visitor; a change meanwhile asks for one more pass.
    if (l.evaluating) {
      l.again = true;
      return;
    }
    l.evaluating = true;
    try {
      do {
        l.again = false;
        await this.evaluateOnce(ref, l, exitIntent);
        exitIntent = false;
      } while (l.again);
    } finally {
      l.evaluating = false;
    }
  }

  private async evaluateOnce(ref: VisitorRef, l: Live, exitIntent: boolean): Promise<void> {
    const triggers = await this.active(ref.siteId);
    clearTimeout(l.timer);
    if (!triggers.length || l.showing) return;
    // Someone already chatting is not interrupted by a teaser.
    if (await this.store.conversations.openFor(ref.visitorId)) return;
    const state = await this.state(ref.visitorId, exitIntent);
    const history = (await this.store.impressions.forVisitor(ref.visitorId, 500)).map((i) => ({ triggerId: i.triggerId, sessionId: i.sessionId, shownAt: i.shownAt }));
    const needsAgent = triggers.some((t) => t.onlyWhenAgentAvailable);
    const agentAvailable = needsAgent ? (await this.notifier.agentsOnline(ref.siteId)).length > 0 : true;
    const now = this.now();
    this.onEvaluate();
    const { winner } = decide(triggers, state, { visitorId: ref.visitorId, sessionId: ref.sessionId, now, agentAvailable, history });
    if (winner) {
      const { trigger, variant } = winner;
      const impression = await this.store.impressions.create({ triggerId: trigger.id, siteId: ref.siteId, visitorId: ref.visitorId, sessionId: ref.sessionId, variant, shownAt: now });
      // The holdout is recorded and sees nothing: that is what makes the uplift measurable.
      if (variant === HOLDOUT) return;
      const message = trigger.variants.find((v) => v.id === variant)!.message;
      const teaser: Teaser = { impressionId: impression.id, triggerId: trigger.id, text: message.text, senderName: message.senderName, openPanel: trigger.openPanel };
      l.showing = impression.id;
      const show = () => this.notifier.toVisitor(ref.visitorId, 'teaser:show', teaser);
      if (trigger.delaySeconds > 0) setTimeout(show, trigger.delaySeconds * 1000).unref();
      else show();
      return;
    }
    const due = nextCheckIn(triggers, state);
    if (due !== null && due < 24 * 3600) {
      l.timer = setTimeout(() => void this.evaluate(ref).catch(() => {}), due * 1000 + 50);
      l.timer.unref();
    }
  }

  private async ownImpression(visitorId: string, impressionId: string) {
    const impression = await this.store.impressions.byId(impressionId);
    if (!impression || impression.visitorId !== visitorId) throw new DomainError('not_found', 'No such teaser.');
    return impression;
  }

  async opened(ref: VisitorRef, impressionId: string): Promise<void> {
    await this.ownImpression(ref.visitorId, impressionId);
    await this.store.impressions.markOpened(impressionId, this.now());
  }

  async dismissed(ref: VisitorRef, impressionId: string): Promise<void> {
    await this.ownImpression(ref.visitorId, impressionId);
    await this.store.impressions.markDismissed(impressionId, this.now());
    const l = this.live.get(ref.visitorId);
    if (l?.showing === impressionId) l.showing = null;
  }

  /** A goal event (`purchase`): credit the visitor's latest impression inside the attribution window. */
  async goal(ref: VisitorRef, value: number): Promise<void> {
    const now = this.now();
    const [latest] = (await this.store.impressions.forVisitor(ref.visitorId, 50)).filter((i) => i.shownAt >= now - ATTRIBUTION_WINDOW_MS);
    if (latest && latest.convertedAt === null) await this.store.impressions.convert(latest.id, now, value);
  }

  async stats(triggerId: string, days: number): Promise<TriggerStats> {
    const since = this.now() - days * 86_400_000;
    const rows = await this.store.impressions.funnel(triggerId, since);
    const funnel = rows.map((r) => ({ ...r, conversionRate: r.impressions ? r.conversions / r.impressions : 0 }));
    const holdout = funnel.find((f) => f.variant === HOLDOUT);
    const shown = funnel.filter((f) => f.variant !== HOLDOUT);
    const shownImpressions = shown.reduce((n, f) => n + f.impressions, 0);
    const shownRate = shownImpressions ? shown.reduce((n, f) => n + f.conversions, 0) / shownImpressions : 0;
    const uplift = holdout && holdout.impressions > 0 && shownImpressions > 0 ? (shownRate - holdout.conversionRate) * 100 : null;
    const byDay = new Map<string, { impressions: number; conversations: number; conversions: number }>();
    for (let d = days - 1; d >= 0; d--) byDay.set(new Date(this.now() - d * 86_400_000).toISOString().slice(0, 10), { impressions: 0, conversations: 0, conversions: 0 });
    for (const i of await this.store.impressions.daily(triggerId, since)) {
      const day = new Date(i.shownAt).toISOString().slice(0, 10);
      const bucket = byDay.get(day);
      if (!bucket) continue;
      bucket.impressions++;
      if (i.conversation) bucket.conversations++;
      if (i.converted) bucket.conversions++;
    }
    return { triggerId, funnel, uplift, daily: [...byDay].map(([day, v]) => ({ day, ...v })) };
  }

  /** What would fire for this visitor (or state) now, and why — for the marketer's test panel. */
  async test(siteId: string, input: { visitorId?: string | undefined; state?: Partial<VisitorState> | undefined }): Promise<{ state: VisitorState; results: TriggerResult[] }> {
    const triggers = await this.store.triggers.list(siteId);
    let state = emptyState();
    let history: Array<{ triggerId: string; sessionId: string; shownAt: number }> = [];
    let sessionId = 'test';
    let visitorId = 'test-visitor';
    if (input.visitorId) {
      const visitor = await this.store.visitors.byId(input.visitorId);
      if (!visitor || visitor.siteId !== siteId) throw new DomainError('not_found', 'No such visitor.');
      state = await this.state(visitor.id);
      history = (await this.store.impressions.forVisitor(visitor.id, 500)).map((i) => ({ triggerId: i.triggerId, sessionId: i.sessionId, shownAt: i.shownAt }));
      sessionId = (await this.store.sessions.latest(visitor.id))?.id ?? sessionId;
      visitorId = visitor.id;
    }
    if (input.state) state = { ...state, ...input.state, page: { ...state.page, ...input.state.page }, cart: { ...state.cart, ...input.state.cart }, utm: { ...state.utm, ...input.state.utm } };
    const agentAvailable = (await this.notifier.agentsOnline(siteId)).length > 0;
    const { results } = decide(triggers, state, { visitorId, sessionId, now: this.now(), agentAvailable, history }, true);
    return { state, results };
  }
}
