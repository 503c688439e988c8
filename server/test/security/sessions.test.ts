/**
 * Security catalogue — sessions an agent can see and end: a sign-in left on a shared or lost computer is listed
 * with its device and address and can be ended from elsewhere (its consoles close at once); an admin ends all of
 * an agent's; an unused sign-in expires after the admin's idle timeout.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/store/create-store.js';
import { ADMIN, agentSocket, closeAllSockets, connected, nextEvent, startServer, type Running } from '../support/harness.js';
import { client, type Client } from '../support/two-factor.js';

let server: Running | undefined;
afterEach(async () => {
  closeAllSockets();
  await server?.stop();
  server = undefined;
});

const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';

async function signIn(userAgent?: string, creds = ADMIN): Promise<Client> {
  const c = client(server!.base, userAgent);
  expect((await c.post('/api/auth/login', creds)).status).toBe(200);
  return c;
}

/** Moves a sign-in's "last seen" back in the database file, as if nobody had used it since. */
function setLastSeen(sessionId: string, at: number): void {
  const db = openSqlite(join(server!.dataDir, 'causette.sqlite'));
  db.prepare('UPDATE auth_sessions SET last_seen_at = ? WHERE id = ?').run(at, sessionId);
  db.close();
}

describe('sessions an agent can see and revoke', () => {
  it('lists my sign-ins with device, browser, address and which one is this, and ends another one at once, socket included', async () => {
    server = await startServer();
    const here = await signIn();
    const laptop = await signIn(FIREFOX_MAC);
    const laptopSocket = agentSocket(server.base, laptop.cookie);
    await connected(laptopSocket);

    const list = await here.get('/api/account/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const mine = list.body.items.find((s: any) => s.current);
    const other = list.body.items.find((s: any) => !s.current);
    expect(mine).toMatchObject({ browser: 'Chrome', os: 'Linux', device: 'desktop', ip: '127.0.0.1' });
    expect(other).toMatchObject({ browser: 'Firefox', os: 'macOS', ip: '127.0.0.1', current: false });
    expect(other.lastSeenAt).toBeGreaterThanOrEqual(other.createdAt);

    const ended = nextEvent<{ reason: string }>(laptopSocket, 'session:end');
    const gone = new Promise<void>((resolve) => laptopSocket.once('disconnect', () => resolve()));
    expect((await here.del(`/api/account/sessions/${other.id}`)).status).toBe(204);
    expect(await ended).toEqual({ reason: 'revoked' });
    await gone;
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await here.get('/api/account/sessions')).body.items).toHaveLength(1);
  });

  it("cannot end another agent's sign-in: it answers like a missing one", async () => {
    server = await startServer();
    const admin = await signIn();
    await admin.post('/api/agents', { email: 'agent@example.com', name: 'Agent', password: 'agent-password-1', role: 'agent' });
    const agent = await signIn(undefined, { email: 'agent@example.com', password: 'agent-password-1' });
    const adminSession = (await admin.get('/api/account/sessions')).body.items[0].id;
    const res = await agent.del(`/api/account/sessions/${adminSession}`);
    expect(res.status).toBe(404);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('signs out everywhere else, keeping this sign-in', async () => {
    server = await startServer();
    const here = await signIn();
    const others = [await signIn(FIREFOX_MAC), await signIn()];
    const socket = agentSocket(server.base, others[0]!.cookie);
    await connected(socket);
    const ended = nextEvent<{ reason: string }>(socket, 'session:end');
    expect((await here.post('/api/account/sessions/revoke-others')).body).toEqual({ ended: 2 });
    await ended;
    for (const o of others) expect((await o.get('/api/auth/me')).status).toBe(401);
    expect((await here.get('/api/account/sessions')).body.items.map((s: any) => s.current)).toEqual([true]);
  });

  it("lets an admin end every sign-in of an agent; an agent may not", async () => {
    server = await startServer();
    const admin = await signIn();
    const created = await admin.post('/api/agents', { email: 'agent@example.com', name: 'Agent', password: 'agent-password-1', role: 'agent' });
    const agent = await signIn(undefined, { email: 'agent@example.com', password: 'agent-password-1' });
    const socket = agentSocket(server.base, agent.cookie);
    await connected(socket);
    expect((await agent.post(`/api/agents/${created.body.id}/sessions/revoke`)).status).toBe(403);
    const ended = nextEvent(socket, 'session:end');
    expect((await admin.post(`/api/agents/${created.body.id}/sessions/revoke`)).status).toBe(204);
    await ended;
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('writes "last seen" at most once a minute per sign-in', async () => {
    server = await startServer();
    const here = await signIn();
    const id = (await here.get('/api/account/sessions')).body.items[0].id;
    const halfMinuteAgo = Date.now() - 30_000;
    setLastSeen(id, halfMinuteAgo);
    await here.get('/api/auth/me');
    expect((await here.get('/api/account/sessions')).body.items[0].lastSeenAt).toBe(halfMinuteAgo);
    const twoMinutesAgo = Date.now() - 120_000;
    setLastSeen(id, twoMinutesAgo);
    await here.get('/api/auth/me');
    expect((await here.get('/api/account/sessions')).body.items[0].lastSeenAt).toBeGreaterThan(Date.now() - 5_000);
  });
});

describe('idle timeout', () => {
  it('refuses a sign-in unused for longer than the admin allows and closes its consoles; off by default', async () => {
    server = await startServer();
    const admin = await signIn();
    const idle = await signIn(FIREFOX_MAC);
    const idleId = (await idle.get('/api/account/sessions')).body.items.find((s: any) => s.current).id;
    expect((await admin.get('/api/security-settings')).body).toEqual({ requireTwoFactor: false, idleTimeoutMinutes: null });
    // Off: a week-old "last seen" still works.
    setLastSeen(idleId, Date.now() - 6 * 24 * 3600_000);
    expect((await idle.get('/api/auth/me')).status).toBe(200);

    expect((await admin.put('/api/security-settings', { requireTwoFactor: false, idleTimeoutMinutes: 15 })).status).toBe(200);
    const socket = agentSocket(server.base, idle.cookie);
    await connected(socket);
    setLastSeen(idleId, Date.now() - 14 * 60_000);
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    setLastSeen(idleId, Date.now() - 16 * 60_000);
    const ended = nextEvent<{ reason: string }>(socket, 'session:end');
    const res = await idle.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(await ended).toEqual({ reason: 'idle' });
    // Gone for good, not only refused once.
    expect((await admin.get('/api/account/sessions')).body.items).toHaveLength(1);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('closes a console left open once its sign-in has been idle too long, without waiting for its next request', async () => {
    server = await startServer({ CAUSETTE_SWEEP_MS: '200' });
    const admin = await signIn();
    const idle = await signIn(FIREFOX_MAC);
    const idleId = (await idle.get('/api/account/sessions')).body.items.find((s: any) => s.current).id;
    expect((await admin.put('/api/security-settings', { requireTwoFactor: false, idleTimeoutMinutes: 15 })).status).toBe(200);
    const socket = agentSocket(server.base, idle.cookie);
    await connected(socket);
    const ended = nextEvent<{ reason: string }>(socket, 'session:end');
    setLastSeen(idleId, Date.now() - 16 * 60_000);
    expect(await ended).toEqual({ reason: 'idle' });
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });
});
