import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS } from '../domain/bootstrap.js';
import { VisitorTokens } from '../domain/visitor-tokens.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { ResumeLinks, ResumeLinkSigner, resumeLinkKey } from './resume-links.js';

const HOUR = 3_600_000;

describe('resume link signatures', () => {
  const signer = new ResumeLinkSigner(resumeLinkKey('server-secret'));
  const payload = { l: 'link1', v: 'visitor1', c: 'conv1', e: 10 * HOUR };

  it('accepts its own token before expiry, refuses it after', () => {
    const token = signer.sign(payload);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signer.verify(token, 9 * HOUR)).toEqual({ ok: true, payload });
    expect(signer.verify(token, 10 * HOUR)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token whose payload or signature was changed, or that another key signed', () => {
    const token = signer.sign(payload);
    const [encoded, signature] = token.split('.') as [string, string];
    const otherVisitor = Buffer.from(JSON.stringify({ ...payload, v: 'visitor2' })).toString('base64url');
    const later = Buffer.from(JSON.stringify({ ...payload, e: 99 * HOUR })).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    for (const forged of [`${otherVisitor}.${signature}`, `${later}.${signature}`, `${encoded}.${flipped}`, `${encoded}.`, encoded, `${token}.x`]) {
      expect(signer.verify(forged, HOUR)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(new ResumeLinkSigner(resumeLinkKey('another-secret')).verify(token, HOUR)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('uses a key of its own, not the visitor-token secret', () => {
    expect(resumeLinkKey('s').equals(Buffer.from('s'))).toBe(false);
  });
});

describe('resume links in the store', () => {
  let dir: string;
  let store: Store;
  let now = 1_000_000;
  let links: ResumeLinks;
  let siteId: string;
  let visitorId: string;
  const tokens = new VisitorTokens('server-secret', 0, () => now);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causette-links-'));
    store = await createStore({ dataDir: dir });
    siteId = (await store.sites.create({ name: 'S', key: 's', allowedOrigins: ['self'], settings: DEFAULT_SITE_SETTINGS })).id;
    visitorId = (await store.visitors.create(siteId)).id;
    links = new ResumeLinks(store, new ResumeLinkSigner(resumeLinkKey('server-secret')), tokens, 7 * 24 * HOUR, () => now);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a valid link is checked without being spent, then redeemed once for a token of its visitor; reuse is refused', async () => {
    const conv = (await store.conversations.openOrCreate(siteId, visitorId, now)).conversation;
    const { token, expiresAt } = await links.issue(visitorId, conv.id);
    expect(expiresAt).toBe(now + 7 * 24 * HOUR);
    expect((await links.check(token)).ok).toBe(true);
    expect((await links.check(token)).ok).toBe(true);
    const redeemed = await links.redeem(token, siteId);
    expect(redeemed?.visitorId).toBe(visitorId);
    expect(redeemed?.conversationId).toBe(conv.id);
    expect(tokens.verify(redeemed!.visitorToken, siteId, HOUR)?.visitorId).toBe(visitorId);
    expect(await links.check(token)).toEqual({ ok: false, reason: 'used' });
    expect(await links.redeem(token, siteId)).toBeNull();
  });

  it('two redeems at once: exactly one wins', async () => {
    const { token } = await links.issue(visitorId, 'conv');
    const results = await Promise.all([links.redeem(token, siteId), links.redeem(token, siteId), links.redeem(token, siteId)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('an expired link is refused, and so is a link for another site', async () => {
    const { token } = await links.issue(visitorId, 'conv');
    expect(await links.redeem(token, 'another-site')).toBeNull();
    now += 7 * 24 * HOUR;
    expect(await links.check(token)).toEqual({ ok: false, reason: 'expired' });
    expect(await links.redeem(token, siteId)).toBeNull();
  });

  it('a well-signed link the store never issued is refused', async () => {
    const forged = new ResumeLinkSigner(resumeLinkKey('server-secret')).sign({ l: 'never-issued', v: visitorId, c: 'conv', e: now + HOUR });
    expect(await links.check(forged)).toEqual({ ok: false, reason: 'invalid' });
  });
});
