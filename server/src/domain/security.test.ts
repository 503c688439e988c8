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
  const tokens = new VisitorTokens('server-secret');
  it('names the visitor only for a genuine token of the same site', () => {
    const token = tokens.mint('visitor1234', 'site-a');
    expect(tokens.verify(token, 'site-a')).toBe('visitor1234');
    expect(tokens.verify(token, 'site-b')).toBeNull();
    expect(tokens.verify(token.replace('visitor1234', 'visitor9999'), 'site-a')).toBeNull();
    expect(new VisitorTokens('other-secret').verify(token, 'site-a')).toBeNull();
    expect(tokens.verify('v1.visitor1234.site-a.', 'site-a')).toBeNull();
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
