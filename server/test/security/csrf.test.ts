/**
 * Issue 13, item 3 — cross-site request forgery without a body. SameSite=Lax lets a page on another origin of
 * the same site send the agent's cookie, and a body-less POST needs no preflight: every state-changing `/api`
 * request from a browser must come from the console's own origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ack, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';

let server: Running;
let admin: string;
let siteId: string;
beforeAll(async () => {
  server = await startServer({ CAUSETTE_CONSOLE_ORIGINS: 'https://console.example' });
  admin = await login(server.base);
  siteId = (await server.app.services.store.sites.byKey('demo'))!.id;
});
afterAll(async () => {
  closeAllSockets();
  await server.stop();
});

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const FOREIGN: Array<[string, Record<string, string>]> = [
  ['Origin: https://evil.example', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
  ['another origin of the same site', { origin: 'http://localhost:1', 'sec-fetch-site': 'same-site' }],
  ['Sec-Fetch-Site: cross-site without an Origin', { 'sec-fetch-site': 'cross-site' }],
  ['Origin: null (a sandboxed frame)', { origin: 'null' }],
];

async function waitingChat(): Promise<string> {
  const s = visitorSocket(server.base, { siteKey: 'demo' });
  await connected(s);
  await ack(s, 'session:resume', {});
  return (await ack(s, 'message:send', { clientId: cid(), body: 'Where is my parcel?' })).conversation.id;
}
const send = (method: string, path: string, headers: Record<string, string>, cookie = admin, body?: unknown) =>
  fetch(`${server.base}${path}`, {
    method,
    headers: { cookie, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe('3. state-changing requests from another origin', () => {
  it.each(FOREIGN)('refuses take, close and logout from %s, and the chat and the sign-in stay as they were', async (_name, headers) => {
    const conversationId = await waitingChat();
    const own = await login(server.base);
    for (const [path, cookie] of [[`/api/conversations/${conversationId}/take`, admin], [`/api/conversations/${conversationId}/close`, admin], ['/api/auth/logout', own]] as const) {
      const res = await send('POST', path, headers, cookie);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    }
    const conv = await server.app.services.store.conversations.byId(conversationId);
    expect({ status: conv?.status, assigneeId: conv?.assigneeId }).toEqual({ status: 'open', assigneeId: null });
    expect((await fetch(`${server.base}/api/auth/me`, { headers: { cookie: own } })).status).toBe(200);
  });

  it('refuses every other POST, PATCH and DELETE from another origin too', async () => {
    const conversationId = await waitingChat();
    const canned = (await (await send('POST', '/api/canned', {}, admin, { siteId, shortcut: 'csrf', body: 'Hello' })).json()) as { id: string };
    const headers = FOREIGN[0]![1];
    for (const [method, path, body] of [
      ['POST', `/api/conversations/${conversationId}/messages`, { clientId: cid(), body: 'hi' }],
      ['POST', '/api/sites', { name: 'Evil shop', allowedOrigins: ['self'] }],
      ['POST', '/api/agents', { email: 'evil@example.com', name: 'Evil', password: 'a-long-enough-password', role: 'admin' }],
      ['PATCH', `/api/sites/${siteId}`, { name: 'Pwned' }],
      ['DELETE', `/api/canned/${canned.id}`, undefined],
      ['POST', '/api/auth/login', { email: 'admin@example.com', password: 'correct-horse-battery' }],
    ] as const) {
      const res = await send(method, path, headers, admin, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    expect((await server.app.services.store.sites.byId(siteId))?.name).not.toBe('Pwned');
    expect(await server.app.services.store.canned.byId(canned.id)).not.toBeNull();
    expect((await server.app.services.store.agents.list()).map((a) => a.email)).not.toContain('evil@example.com');
  });

  it("accepts the console's own origin, a listed console origin, and clients that are not browsers", async () => {
    const allowed: Array<Record<string, string>> = [{ origin: server.base, 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'same-origin' }, { origin: 'https://console.example' }, {}];
    for (const headers of allowed) {
      const conversationId = await waitingChat();
      expect((await send('POST', `/api/conversations/${conversationId}/take`, headers)).status, JSON.stringify(headers)).toBe(200);
      expect((await send('POST', `/api/conversations/${conversationId}/close`, headers)).status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('leaves reads alone: a GET from another origin is answered (CORS keeps its body from that page)', async () => {
    expect((await send('GET', '/api/auth/me', FOREIGN[0]![1])).status).toBe(200);
  });
});
