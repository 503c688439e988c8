import { createHmac, timingSafeEqual } from 'node:crypto';
import { newId } from '../domain/ids.js';
import type { VisitorTokens } from '../domain/visitor-tokens.js';
import type { Store } from '../store/store.js';

/** What a resume link carries: link id, visitor, conversation and expiry (ms since the epoch). */
export interface ResumePayload {
  l: string;
  v: string;
  c: string;
  e: number;
}

export type LinkCheck = { ok: true; payload: ResumePayload } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** A key of its own for links, derived from the visitor-token secret: a leaked link key signs no visitor token. */
export function resumeLinkKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('causette resume links v1').digest();
}

/** token = base64url(JSON payload) "." base64url(HMAC-SHA256(key, that first part)). */
export class ResumeLinkSigner {
  constructor(private readonly key: Buffer) {}

  private mac(encoded: string): Buffer {
    return createHmac('sha256', this.key).update(encoded).digest();
  }

  sign(payload: ResumePayload): string {
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${encoded}.${this.mac(encoded).toString('base64url')}`;
  }

  /** Signature and expiry only; whether the link was used is the store's to say. */
  verify(token: string, now: number): LinkCheck {
    const [encoded, signature, extra] = token.split('.');
    if (!encoded || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(encoded);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let payload: ResumePayload;
    try {
      payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as ResumePayload;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof payload?.l !== 'string' || typeof payload.v !== 'string' || typeof payload.c !== 'string' || typeof payload.e !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return payload.e <= now ? { ok: false, reason: 'expired' } : { ok: true, payload };
  }
}

/**
 * Signed, expiring, single-use links that bring a visitor back to a conversation from any device. Opening the
 * link only checks it; the widget's handshake spends it (once, atomically) and becomes that visitor.
 */
export class ResumeLinks {
  constructor(
    private readonly store: Store,
    private readonly signer: ResumeLinkSigner,
    private readonly tokens: VisitorTokens,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(visitorId: string, conversationId: string): Promise<{ token: string; expiresAt: number }> {
    const createdAt = this.now();
    const payload: ResumePayload = { l: newId(), v: visitorId, c: conversationId, e: createdAt + this.ttlMs };
    await this.store.resumeLinks.create({ id: payload.l, visitorId, conversationId, expiresAt: payload.e, createdAt });
    return { token: this.signer.sign(payload), expiresAt: payload.e };
  }

  /** Genuine, unexpired, known and unused: does not spend it. */
  async check(token: string): Promise<LinkCheck> {
    const verified = this.signer.verify(token, this.now());
    if (!verified.ok) return verified;
    const row = await this.store.resumeLinks.byId(verified.payload.l);
    if (!row || row.visitorId !== verified.payload.v) return { ok: false, reason: 'invalid' };
    if (row.usedAt !== null) return { ok: false, reason: 'used' };
    return verified;
  }

  /**
   * Spend the link for a handshake on `siteId`: a fresh visitor token for the link's visitor, or null (invalid,
   * expired, used, another site's, or spent by someone else a moment earlier).
   */
  async redeem(token: string, siteId: string): Promise<{ visitorToken: string; visitorId: string; conversationId: string } | null> {
    const checked = await this.check(token);
    if (!checked.ok) return null;
    const visitor = await this.store.visitors.byId(checked.payload.v);
    if (!visitor || visitor.siteId !== siteId) return null;
    if (!(await this.store.resumeLinks.spend(checked.payload.l, this.now()))) return null;
    return { visitorToken: this.tokens.mint(visitor.id, siteId), visitorId: visitor.id, conversationId: checked.payload.c };
  }
}
