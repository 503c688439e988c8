/**
 * Security catalogue — item 8, sign-in: brute force per account (growing locks, shared by processes through the
 * bus), per IP (HTTP rate limit), and no user enumeration in answers or in the lock itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type Running } from '../support/harness.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const attempt = async (email: string, password: string) => {
  const res = await fetch(`${server!.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string; message: string } } };
};

describe('8. sign-in throttling', () => {
  it('locks an account for a growing time after five wrong passwords, even against the right one, then lets the owner in (password guessing)', async () => {
    server = await startServer();
    for (let i = 0; i < 5; i++) expect((await attempt(ADMIN.email, `wrong-${i}`)).status).toBe(401);
    // The sixth failure sets a 1 s lock; the seventh is a 2 s one.
    expect((await attempt(ADMIN.email, 'wrong-5')).status).toBe(401);
    const locked = await attempt(ADMIN.email, ADMIN.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('rate_limited');
    expect(Number(locked.retryAfter)).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt(ADMIN.email, 'wrong-6')).status).toBe(401);
    const longer = await attempt(ADMIN.email, ADMIN.password);
    expect(longer.status).toBe(429);
    expect(Number(longer.retryAfter)).toBe(2);
    await new Promise((r) => setTimeout(r, 2100));
    // The owner gets in, and a success clears the count: the next mistake is free again.
    expect((await attempt(ADMIN.email, ADMIN.password)).status).toBe(200);
    expect((await attempt(ADMIN.email, 'wrong-again')).status).toBe(401);
    expect((await attempt(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('answers an unknown address exactly like a known one, lock included (user enumeration)', async () => {
    server = await startServer();
    const run = async (email: string) => {
      const out: Array<[number, string | undefined]> = [];
      for (let i = 0; i < 7; i++) {
        const r = await attempt(email, `guess-${i}`);
        out.push([r.status, r.body.error?.message.replace(/\d+ s/, 'N s')]);
      }
      return out;
    };
    const known = await run(ADMIN.email);
    const unknown = await run('nobody@example.com');
    expect(unknown).toEqual(known);
    expect(known.at(-1)![0]).toBe(429);
  });

  it('refuses a burst of sign-ins from one address over many accounts (credential stuffing)', async () => {
    server = await startServer();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await attempt(`user${i}@example.com`, 'password-guess')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
