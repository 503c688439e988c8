import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A visitor token binds a visitor id to a site, signed with the server secret. Only the server mints them,
 * so a client cannot choose whose conversation it resumes.
 */
export class VisitorTokens {
  constructor(private readonly secret: string) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  mint(visitorId: string, siteId: string): string {
    const payload = `v1.${visitorId}.${siteId}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The visitor id when the token is genuine and for this site, else null. */
  verify(token: string, siteId: string): string | null {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return null;
    const [, visitorId, tokenSite, signature] = parts as [string, string, string, string];
    if (tokenSite !== siteId) return null;
    const expected = Buffer.from(this.sign(`v1.${visitorId}.${tokenSite}`));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? visitorId : null;
  }
}
