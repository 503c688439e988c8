import { createHmac, timingSafeEqual } from 'node:crypto';
import { VISITOR_TOKEN_DAYS, type SiteSettings } from '@causette/shared';

const DAY_MS = 86_400_000;
/** Past this share of its life a token is replaced at the next handshake, so a returning visitor never meets the end. */
const RENEW_AFTER = 0.25;

/** How long a visitor token of this site lasts: read at every check, so lowering the setting shortens every token out. */
export function visitorTokenLifeMs(settings: Pick<SiteSettings, 'visitorTokenDays'>): number {
  return (settings.visitorTokenDays ?? VISITOR_TOKEN_DAYS.default) * DAY_MS;
}

export interface VerifiedToken {
  visitorId: string;
  issuedAt: number;
}

/**
 * A visitor token binds a visitor id to a site and its issue time, signed with the server secret. Only the server
 * mints them, so a client cannot choose whose conversation it resumes; it lives in the shop's storage, where a
 * script injected into the shop could read it, so it expires and is replaced as the visitor comes back.
 */
export class VisitorTokens {
  /**
   * @param legacyIssuedAt Tokens minted before they carried a time (`v1`) count as issued then (the first start
   *   of a server that knows expiry): they keep working for one life, and are replaced on their next use.
   */
  constructor(
    private readonly secret: string,
    private readonly legacyIssuedAt: number,
    // Read at each call, not kept, so a test can move the clock of a running server.
    private readonly now: () => number = () => Date.now(),
  ) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  mint(visitorId: string, siteId: string): string {
    const payload = `v2.${visitorId}.${siteId}.${this.now().toString(36)}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The visitor and issue time when the token is genuine, for this site and younger than `lifeMs`; else null. */
  verify(token: string, siteId: string, lifeMs: number): VerifiedToken | null {
    const parts = token.split('.');
    const legacy = parts.length === 4 && parts[0] === 'v1';
    if (!legacy && (parts.length !== 5 || parts[0] !== 'v2')) return null;
    const signature = parts.pop()!;
    const [, visitorId, tokenSite, issued] = parts as [string, string, string, string?];
    if (tokenSite !== siteId) return null;
    const expected = Buffer.from(this.sign(parts.join('.')));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const issuedAt = legacy ? this.legacyIssuedAt : parseInt(issued!, 36);
    // A token from the future was not minted by this clock: refused like an expired one.
    const age = this.now() - issuedAt;
    return Number.isFinite(age) && age >= -60_000 && age < lifeMs ? { visitorId, issuedAt } : null;
  }

  /** The token to hand back for a verified one: itself while young, a fresh one past a quarter of its life. */
  renew(token: string, verified: VerifiedToken, siteId: string, lifeMs: number): string {
    const young = token.startsWith('v2.') && this.now() - verified.issuedAt < lifeMs * RENEW_AFTER;
    return young ? token : this.mint(verified.visitorId, siteId);
  }
}
