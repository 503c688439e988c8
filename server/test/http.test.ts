/** The REST API as a client meets it: status codes, error bodies, and what must never leak. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, startServer, type Running } from './support/harness.js';

const METRICS_TOKEN = 'http-test-metrics-token-0123456789';
let server: Running;
let cookie: string;
beforeAll(async () => {
  server = await startServer({ CAUSETTE_METRICS_TOKEN: METRICS_TOKEN });
  cookie = await login(server.base);
});
afterAll(async () => server.stop());

const j = (r: Response): Promise<any> => r.json();
const json = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(body),
});

describe('auth', () => {
  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await fetch(`${server.base}/api/auth/login`, json({ email: 'nobody@example.com', password: 'whatever-it-is' }));
    const wrong = await fetch(`${server.base}/api/auth/login`, json({ email: ADMIN.email, password: 'not-the-password' }));
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await j(unknown)).toEqual(await j(wrong));
  });

  it('sets an httpOnly SameSite session cookie that /me accepts and logout ends', async () => {
    const res = await fetch(`${server.base}/api/auth/login`, json(ADMIN));
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/causette_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const own = setCookie.split(';')[0]!;
    const body = await j(res);
    expect(body.agent).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);
    expect((await fetch(`${server.base}/api/auth/me`, { headers: { cookie: own } })).status).toBe(200);
    await fetch(`${server.base}/api/auth/logout`, { method: 'POST', headers: { cookie: own } });
    expect((await fetch(`${server.base}/api/auth/me`, { headers: { cookie: own } })).status).toBe(401);
  });

  it('refuses every private route without a session', async () => {
    for (const path of ['/api/conversations', '/api/sites', '/api/agents', '/api/canned?siteId=abcdefghij']) {
      const res = await fetch(`${server.base}${path}`);
      expect(res.status, path).toBe(401);
      expect((await j(res)).error.code).toBe('unauthenticated');
    }
  });
});

describe('validation', () => {
  it('refuses unknown fields, wrong types and operator objects with a 400', async () => {
    for (const body of [
      { email: ADMIN.email, password: ADMIN.password, admin: true },
      { email: { $ne: null }, password: 'x' },
      { email: ADMIN.email },
    ]) {
      const res = await fetch(`${server.base}/api/auth/login`, json(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await j(res)).error.code).toBe('bad_request');
    }
  });

  it('refuses a text/plain body, so a cross-site form cannot post to the API', async () => {
    const res = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(415);
  });
});

describe('canned responses and sites', () => {
  it('creates, lists and refuses a duplicate shortcut', async () => {
    const sites = await j(await fetch(`${server.base}/api/sites`, { headers: { cookie } }));
    const siteId = sites.items[0].id;
    expect(sites.items[0]).not.toHaveProperty('secret');
    const created = await fetch(`${server.base}/api/canned`, json({ siteId, shortcut: 'ship', body: 'We ship in 48 h.' }, { cookie }));
    expect(created.status).toBe(201);
    const dup = await fetch(`${server.base}/api/canned`, json({ siteId, shortcut: 'ship', body: 'Again' }, { cookie }));
    expect(dup.status).toBe(409);
    const list = await j(await fetch(`${server.base}/api/canned?siteId=${siteId}`, { headers: { cookie } }));
    expect(list.items.map((c: { shortcut: string; body: string }) => [c.shortcut, c.body])).toEqual([['ship', 'We ship in 48 h.']]);
  });

  it('lets only admins manage agents', async () => {
    const created = await fetch(`${server.base}/api/agents`, json({ email: 'carl@example.com', name: 'Carl', password: 'carl-long-password' }, { cookie }));
    expect(created.status).toBe(201);
    const carl = await login(server.base, { email: 'carl@example.com', password: 'carl-long-password' });
    const res = await fetch(`${server.base}/api/agents`, { headers: { cookie: carl } });
    expect(res.status).toBe(403);
  });
});

describe('served files', () => {
  it('publishes an OpenAPI document listing the API', async () => {
    const doc = await j(await fetch(`${server.base}/api/openapi.json`, { headers: { cookie } }));
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/conversations', '/api/conversations/{id}/messages', '/api/canned', '/api/agents', '/api/sites']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect((await fetch(`${server.base}/api/docs/`, { headers: { cookie } })).status).toBe(200);
  });

  it('exposes Prometheus metrics for connections, messages, ack latency and the queue', async () => {
    const text = await (await fetch(`${server.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    for (const name of ['causette_connections{namespace="/visitor"}', 'causette_messages_total', 'causette_ack_seconds', 'causette_queue_length']) {
      expect(text, name).toContain(name.split('{')[0]);
    }
    expect(text).toMatch(/causette_connections\{namespace="\/agent"\} \d+/);
  });

  it('answers health and readiness', async () => {
    expect(await j(await fetch(`${server.base}/api/health`))).toEqual({ ok: true });
    expect(await j(await fetch(`${server.base}/api/ready`))).toEqual({ ok: true });
  });
});
