import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { originAllowed } from './origins.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { VisitorTokens } from './visitor-tokens.js';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one or a mangled hash', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('correct horse battery', hash.slice(0, -4))).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('visitor tokens', () => {
  const DAY = 86_400_000;
  const LIFE = 30 * DAY;
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const tokens = new VisitorTokens('server-secret', Date.UTC(2025, 11, 25), clock);
  it('names the visitor only for a genuine token of the same site', () => {
    const token = tokens.mint('visitor1234', 'site-a');
    expect(tokens.verify(token, 'site-a', LIFE)?.visitorId).toBe('visitor1234');
    expect(tokens.verify(token, 'site-b', LIFE)).toBeNull();
    expect(tokens.verify(token.replace('visitor1234', 'visitor9999'), 'site-a', LIFE)).toBeNull();
    expect(new VisitorTokens('other-secret', 0, clock).verify(token, 'site-a', LIFE)).toBeNull();
    expect(tokens.verify('v1.visitor1234.site-a.', 'site-a', LIFE)).toBeNull();
  });

  it('refuses a token once its life is over, and one whose issue time was moved', () => {
    const token = tokens.mint('visitor1234', 'site-a');
    now += LIFE - 1;
    expect(tokens.verify(token, 'site-a', LIFE)?.visitorId).toBe('visitor1234');
    now += 1;
    expect(tokens.verify(token, 'site-a', LIFE)).toBeNull();
    // A shorter life set by the site applies to tokens already handed out.
    expect(tokens.verify(tokens.mint('v', 'site-a'), 'site-a', DAY)).not.toBeNull();
    now += DAY;
    const parts = tokens.mint('visitor1234', 'site-a').split('.');
    parts[3] = (now + 10 * DAY).toString(36);
    expect(tokens.verify(parts.join('.'), 'site-a', LIFE)).toBeNull();
  });

  it('keeps a young token, and replaces one past a quarter of its life with a fresh one of the same visitor', () => {
    const token = tokens.mint('visitor1234', 'site-a');
    now += 7 * DAY;
    expect(tokens.renew(token, tokens.verify(token, 'site-a', LIFE)!, 'site-a', LIFE)).toBe(token);
    now += DAY;
    const fresh = tokens.renew(token, tokens.verify(token, 'site-a', LIFE)!, 'site-a', LIFE);
    expect(fresh).not.toBe(token);
    expect(tokens.verify(fresh, 'site-a', LIFE)).toEqual({ visitorId: 'visitor1234', issuedAt: now });
    // The old one still works until its own end: another tab holding it is not signed out.
    expect(tokens.verify(token, 'site-a', LIFE)?.visitorId).toBe('visitor1234');
  });

  it('takes a token minted before expiry existed as issued at the upgrade, and replaces it at once', () => {
    const legacy = `v1.visitor1234.site-a.${createHmac('sha256', 'server-secret').update('v1.visitor1234.site-a').digest('base64url')}`;
    now = Date.UTC(2026, 0, 1);
    const verified = tokens.verify(legacy, 'site-a', LIFE);
    expect(verified).toEqual({ visitorId: 'visitor1234', issuedAt: Date.UTC(2025, 11, 25) });
    expect(tokens.renew(legacy, verified!, 'site-a', LIFE)).toMatch(/^v2\./);
    now = Date.UTC(2025, 11, 25) + LIFE;
    expect(tokens.verify(legacy, 'site-a', LIFE)).toBeNull();
  });
});

describe('origins', () => {
  it('accepts listed origins and the server itself for `self`, nothing else', () => {
    expect(originAllowed(['https://shop.example'], 'https://shop.example', 'chat.example')).toBe(true);
    expect(originAllowed(['https://shop.example'], 'https://shop.example.evil.io', 'chat.example')).toBe(false);
    expect(originAllowed(['https://shop.example'], 'http://shop.example', 'chat.example')).toBe(false);
    expect(originAllowed(['self'], 'http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(originAllowed(['self'], 'http://127.0.0.1:3001', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed(['self'], undefined, '127.0.0.1:3000')).toBe(false);
    expect(originAllowed(['self'], 'null', '127.0.0.1:3000')).toBe(false);
  });

  it('takes a same-origin fetch without Origin as `self` only, and only when the browser says so', () => {
    expect(originAllowed(['self'], undefined, '127.0.0.1:3000', 'same-origin')).toBe(true);
    expect(originAllowed(['https://shop.example'], undefined, '127.0.0.1:3000', 'same-origin')).toBe(false);
    expect(originAllowed(['self'], undefined, '127.0.0.1:3000', 'cross-site')).toBe(false);
  });
});
