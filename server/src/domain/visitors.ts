import { createHmac, timingSafeEqual } from 'node:crypto';
import { stripBidiControls as plain, type Cart, type IdentifyInput, type PageView, type PageViewInput, type TrackInput, type VisitorContext } from '@causette/shared';
import type { Bus } from '../bus/bus.js';
import type { SessionRecord, SiteWithSecret, Store, VisitorRecord } from '../store/store.js';
import { visitorLabel } from './mappers.js';
import { DomainError } from './errors.js';
import type { Notifier } from './notifier.js';
import { utmOf } from './triggers/state.js';
import { describeUserAgent } from './user-agent.js';
import { visitorTokenLifeMs, type VisitorTokens } from './visitor-tokens.js';

/** A visit ends after 30 minutes without activity, as web analytics count it. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
const JOURNEY_LENGTH = 50;

export interface VisitorRef {
  visitorId: string;
  siteId: string;
  sessionId: string;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search + u.hash;
  } catch {
    return url.slice(0, 512);
  }
}

export class VisitorService {
  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly tokens: VisitorTokens,
    private readonly notifier: Notifier,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resume the visitor named by a genuine token, or create a new one. */
  async connect(
    site: SiteWithSecret,
    input: {
      token?: string | undefined;
      userAgent: string;
      language: string;
      country?: string | undefined;
      /** Called before a new visitor is created (no valid token); throws to refuse (per-IP limit). */
      beforeNewVisitor?: () => Promise<void>;
    },
  ): Promise<{ visitor: VisitorRecord; session: SessionRecord; token: string }> {
    const lifeMs = visitorTokenLifeMs(site.settings);
    // An expired token is no key: its browser starts again as a new visitor, as with a made-up one.
    const claimed = input.token ? this.tokens.verify(input.token, site.id, lifeMs) : null;
    let visitor = claimed ? await this.store.visitors.byId(claimed.visitorId) : null;
    if (visitor && visitor.siteId !== site.id) visitor = null;
    if (!visitor) {
      await input.beforeNewVisitor?.();
      visitor = await this.store.visitors.create(site.id);
    }
    const now = this.now();
    await this.store.visitors.touch(visitor.id, now);
    const session = await this.store.sessions.resumeOrStart({
      visitorId: visitor.id,
      siteId: site.id,
      userAgent: plain(input.userAgent).slice(0, 512),
      language: plain(input.language).slice(0, 35),
      country: (input.country ?? '').slice(0, 8).toUpperCase(),
      idleMs: SESSION_IDLE_MS,
      now,
    });
    // The presented token stays valid until its own end, so another tab still holding it is not signed out.
    const token = claimed && input.token && visitor.id === claimed.visitorId ? this.tokens.renew(input.token, claimed, site.id, lifeMs) : this.tokens.mint(visitor.id, site.id);
    return { visitor, session, token };
  }

  /** Page titles, URLs and referrers are shown to agents: stored without bidi controls, like every visitor label. */
  async pageView(ref: VisitorRef, input: PageViewInput): Promise<void> {
    const url = plain(input.url);
    const view: PageView = { url, path: pathOf(url), title: plain(input.title), referrer: plain(input.referrer), at: this.now() };
    await this.store.sessions.addPageView(ref.sessionId, ref.visitorId, view);
    await this.publish(ref);
  }

  async cart(ref: VisitorRef, cart: Cart): Promise<void> {
    const items = cart.items.map((i) => ({ ...i, sku: plain(i.sku), name: plain(i.name) }));
    await this.store.sessions.setCart(ref.sessionId, { ...cart, items }, this.now());
    await this.publish(ref);
  }

  async track(ref: VisitorRef, input: TrackInput): Promise<void> {
    await this.store.sessions.addEvent(ref.sessionId, ref.visitorId, input.name, input.props ?? {}, this.now());
  }

  /** Identity is verified when `hash` is HMAC-SHA256(site secret, id), compared in constant time. */
  async identify(ref: VisitorRef, site: SiteWithSecret, input: IdentifyInput): Promise<{ verified: boolean }> {
    let verified = false;
    if (input.id && input.hash) {
      const expected = Buffer.from(createHmac('sha256', site.secret).update(input.id).digest('hex'));
      const given = Buffer.from(input.hash.toLowerCase());
      verified = expected.length === given.length && timingSafeEqual(expected, given);
    }
    // Enforced: an unproven identity changes nothing, so a page script cannot claim to be a customer.
    if (!verified && site.settings.requireVerifiedIdentity) throw new DomainError('forbidden', 'Identity not verified: identify needs the hash of the id.');
    const patch: { name?: string; email?: string; externalId?: string; verified: boolean } = { verified };
    if (input.name !== undefined) patch.name = plain(input.name);
    if (input.email !== undefined) patch.email = plain(input.email);
    if (input.id !== undefined) patch.externalId = plain(input.id);
    await this.store.visitors.identify(ref.visitorId, patch);
    await this.publish(ref);
    return { verified };
  }

  async context(visitorId: string): Promise<VisitorContext> {
    const visitor = await this.store.visitors.byId(visitorId);
    if (!visitor) throw new DomainError('not_found', 'No such visitor.');
    const session = await this.store.sessions.latest(visitorId);
    const journey = session ? await this.store.sessions.pageViews(session.id, JOURNEY_LENGTH) : [];
    const ua = describeUserAgent(session?.userAgent ?? '');
    const landing = journey[0];
    const [last] = await this.store.impressions.forVisitor(visitorId, 1);
    const lastTriggerDef = last ? await this.store.triggers.byId(last.triggerId) : null;
    return {
      visitorId: visitor.id,
      name: visitorLabel(visitor),
      email: visitor.email,
      verified: visitor.verified,
      firstSeenAt: visitor.createdAt,
      lastSeenAt: visitor.lastSeenAt,
      online: await this.bus.presence.isOnline(visitor.id),
      currentPage: journey.at(-1) ?? null,
      journey,
      cart: session?.cart ?? null,
      ...ua,
      language: session?.language ?? '',
      timeZone: session?.timeZone ?? '',
      visitCount: await this.store.sessions.count(visitorId),
      referrer: landing?.referrer ?? '',
      utm: utmOf(landing?.url ?? ''),
      lastTrigger: last && lastTriggerDef ? { triggerId: last.triggerId, triggerName: lastTriggerDef.name, variant: last.variant, at: last.shownAt } : null,
    };
  }

  /** Tell the site's agents what this visitor now looks like. */
  async publish(ref: Pick<VisitorRef, 'visitorId' | 'siteId'>): Promise<void> {
    this.notifier.toSiteAgents(ref.siteId, 'visitor:update', await this.context(ref.visitorId));
  }
}
