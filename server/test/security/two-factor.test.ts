/**
 * Security catalogue — two-factor sign-in: a stolen password alone does not sign in (TOTP, RFC 6238), a code
 * is not accepted twice (replay), wrong codes are throttled like passwords (guessing), recovery codes work
 * once, the secret is never sent back after enrolment, and an admin can require it of every account.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../src/domain/auth.js';
import { ADMIN, agentSocket, connected, startServer, type Running } from '../support/harness.js';
import { client, totpCode, type Client } from '../support/two-factor.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const STEP = 30_000;

async function signedIn(creds = ADMIN): Promise<Client> {
  const c = client(server!.base);
  const res = await c.post('/api/auth/login', creds);
  expect(res.status).toBe(200);
  return c;
}

/** Enrols the signed-in agent; returns the key and the recovery codes. */
async function enrol(c: Client): Promise<{ key: string; recoveryCodes: string[] }> {
  const started = await c.post('/api/account/two-factor/enrol');
  expect(started.status).toBe(200);
  const { key, uri, qrSvg } = started.body;
  expect(uri).toMatch(/^otpauth:\/\/totp\/Causette:[a-z]+%40example\.com\?.*secret=/);
  expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  const confirmed = await c.post('/api/account/two-factor/confirm', { code: totpCode(key) });
  expect(confirmed.status).toBe(200);
  return { key, recoveryCodes: confirmed.body.recoveryCodes };
}

describe('two-factor sign-in', () => {
  it('enrols with a current code, then a password alone gives only a ticket, and the code finishes the sign-in', async () => {
    server = await startServer();
    const events: AuthEvent[] = [];
    server.app.services.auth.onEvent((e) => events.push(e));
    const admin = await signedIn();
    expect((await admin.get('/api/account/two-factor')).body).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    // A wrong first code does not turn it on.
    const started = await admin.post('/api/account/two-factor/enrol');
    const wrong = String((Number(totpCode(started.body.key)) + 1) % 1_000_000).padStart(6, '0');
    expect((await admin.post('/api/account/two-factor/confirm', { code: wrong })).status).toBe(400);
    expect((await admin.get('/api/account/two-factor')).body.enabled).toBe(false);
    const confirmed = await admin.post('/api/account/two-factor/confirm', { code: totpCode(started.body.key) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await admin.get('/api/account/two-factor')).body).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
    // The secret is shown once: a second enrolment is refused and nothing sends the key again.
    expect((await admin.post('/api/account/two-factor/enrol')).status).toBe(409);

    const phone = client(server.base);
    const first = await phone.post('/api/auth/login', ADMIN);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ secondFactor: 'totp', ticket: expect.any(String) });
    expect(first.body.agent).toBeUndefined();
    expect(phone.cookie).toBe('');
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    // The ticket is not a session: it opens nothing but the second step.
    expect((await fetch(`${server.base}/api/auth/me`, { headers: { cookie: `causette_session=${first.body.ticket}` } })).status).toBe(401);

    const done = await phone.post('/api/auth/login/second-factor', { ticket: first.body.ticket, code: totpCode(started.body.key, Date.now() + STEP) });
    expect(done.status).toBe(200);
    expect(done.body.agent.email).toBe(ADMIN.email);
    expect((await phone.get('/api/auth/me')).status).toBe(200);
    // A spent ticket finishes nothing more.
    expect((await client(server.base).post('/api/auth/login/second-factor', { ticket: first.body.ticket, code: totpCode(started.body.key, Date.now() - STEP) })).status).toBe(401);
    // What happened is told to whoever listens (the audit log).
    expect(events.map((e) => (e.type === 'signed_in' ? `signed_in:${e.secondFactor}` : e.type === 'two_factor_changed' ? `two_factor:${e.change}` : e.type))).toEqual([
      'signed_in:none',
      'two_factor:enabled',
      'signed_in:totp',
    ]);
  });

  it('refuses a code that was already used, even within its 30 s (replay), and one far from now', async () => {
    server = await startServer();
    const { key } = await enrol(await signedIn());
    const ticket = async () => (await client(server!.base).post('/api/auth/login', ADMIN)).body.ticket as string;
    // The code used to confirm the enrolment is spent.
    expect((await client(server.base).post('/api/auth/login/second-factor', { ticket: await ticket(), code: totpCode(key) })).status).toBe(401);
    const next = totpCode(key, Date.now() + STEP);
    const a = client(server.base);
    expect((await a.post('/api/auth/login/second-factor', { ticket: await ticket(), code: next })).status).toBe(200);
    const replay = await client(server.base).post('/api/auth/login/second-factor', { ticket: await ticket(), code: next });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('unauthenticated');
    // Two steps ahead is outside the tolerance of one.
    expect((await client(server.base).post('/api/auth/login/second-factor', { ticket: await ticket(), code: totpCode(key, Date.now() + 3 * STEP) })).status).toBe(401);
  });

  it('signs in with a recovery code once; the same code is refused the second time', async () => {
    server = await startServer();
    const { recoveryCodes } = await enrol(await signedIn());
    const code = recoveryCodes[3]!;
    const first = client(server.base);
    const t1 = (await first.post('/api/auth/login', ADMIN)).body.ticket;
    // Typed in capitals without the dash, as people do.
    expect((await first.post('/api/auth/login/second-factor', { ticket: t1, recoveryCode: code.toUpperCase().replace('-', '') })).status).toBe(200);
    expect((await first.get('/api/account/two-factor')).body.recoveryCodesLeft).toBe(9);
    const again = client(server.base);
    const t2 = (await again.post('/api/auth/login', ADMIN)).body.ticket;
    expect((await again.post('/api/auth/login/second-factor', { ticket: t2, recoveryCode: code })).status).toBe(401);
    expect((await again.post('/api/auth/login/second-factor', { ticket: t2, recoveryCode: recoveryCodes[4]! })).status).toBe(200);
  });

  it('locks the second step for a growing time after five wrong codes, even against the right one (code guessing)', async () => {
    server = await startServer();
    const { key } = await enrol(await signedIn());
    const c = client(server.base);
    const ticket = (await c.post('/api/auth/login', ADMIN)).body.ticket;
    const right = totpCode(key, Date.now() + STEP);
    const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 6; i++) expect((await c.post('/api/auth/login/second-factor', { ticket, code: wrong(i) })).status).toBe(401);
    const locked = await c.post('/api/auth/login/second-factor', { ticket, code: right });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await c.post('/api/auth/login/second-factor', { ticket, code: right })).status).toBe(200);
  });

  it('turns off only with the password and a current code', async () => {
    server = await startServer();
    const admin = await signedIn();
    const { key } = await enrol(admin);
    expect((await admin.post('/api/account/two-factor/disable', { password: 'not-the-password', code: totpCode(key, Date.now() + STEP) })).status).toBe(400);
    expect((await admin.post('/api/account/two-factor/disable', { password: ADMIN.password, code: '000000' === totpCode(key, Date.now() + STEP) ? '111111' : '000000' })).status).toBe(400);
    expect((await admin.get('/api/account/two-factor')).body.enabled).toBe(true);
    expect((await admin.post('/api/account/two-factor/disable', { password: ADMIN.password, code: totpCode(key, Date.now() + STEP) })).status).toBe(204);
    const fresh = client(server.base);
    expect((await fresh.post('/api/auth/login', ADMIN)).body.agent.email).toBe(ADMIN.email);
  });

  it('replaces the recovery codes for a current code: the old ones stop working', async () => {
    server = await startServer();
    const admin = await signedIn();
    const { key, recoveryCodes } = await enrol(admin);
    const renewed = await admin.post('/api/account/two-factor/recovery-codes', { code: totpCode(key, Date.now() + STEP) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const c = client(server.base);
    const ticket = (await c.post('/api/auth/login', ADMIN)).body.ticket;
    expect((await c.post('/api/auth/login/second-factor', { ticket, recoveryCode: recoveryCodes[0]! })).status).toBe(401);
    expect((await c.post('/api/auth/login/second-factor', { ticket, recoveryCode: renewed.body.recoveryCodes[0] })).status).toBe(200);
  });
});

describe('two-factor in the audit log', () => {
  it('records turning it on, a wrong code at sign-in, new recovery codes, sign-ins ended, a reset and the rules changed', async () => {
    server = await startServer();
    const admin = await signedIn();
    const { key } = await enrol(admin);
    const other = client(server.base);
    const ticket = (await other.post('/api/auth/login', ADMIN)).body.ticket;
    const wrong = String((Number(totpCode(key)) + 1) % 1_000_000).padStart(6, '0');
    expect((await other.post('/api/auth/login/second-factor', { ticket, code: wrong })).status).toBe(401);
    expect((await admin.post('/api/account/two-factor/recovery-codes', { code: totpCode(key, Date.now() + STEP) })).status).toBe(200);
    expect((await admin.put('/api/security-settings', { requireTwoFactor: true, idleTimeoutMinutes: 30 })).status).toBe(200);
    const agent = await admin.post('/api/agents', { email: 'lost@example.com', name: 'Lost', password: 'correct-horse-battery', role: 'agent', capacity: 2 });
    expect((await admin.del(`/api/agents/${agent.body.id}/two-factor`)).status).toBe(204);
    expect((await admin.post(`/api/agents/${agent.body.id}/sessions/revoke`)).status).toBe(204);

    const log = (await admin.get('/api/audit?limit=50')).body.items as Array<{ action: string; targetLabel: string; changes: Record<string, unknown> }>;
    const actions = log.map((e) => e.action);
    for (const action of ['auth.two_factor_enabled', 'auth.second_factor_failed', 'auth.recovery_codes_renewed', 'security.settings_changed', 'agent.two_factor_reset', 'agent.sessions_ended']) {
      expect(actions, action).toContain(action);
    }
    expect(log.find((e) => e.action === 'security.settings_changed')!.changes).toEqual({
      requireTwoFactor: { from: false, to: true },
      idleTimeoutMinutes: { from: null, to: 30 },
    });
    expect(log.find((e) => e.action === 'agent.two_factor_reset')!.targetLabel).toBe('Lost <lost@example.com>');
    // The secret and the codes never reach the log.
    expect(JSON.stringify(log)).not.toContain(key);
  });
});

describe('an agent who lost their phone and recovery codes', () => {
  it('gets two-factor turned off by an admin (their sign-ins end); nobody else may do it', async () => {
    server = await startServer();
    const admin = await signedIn();
    const created = await admin.post('/api/agents', { email: 'agent@example.com', name: 'Agent', password: 'agent-password-1', role: 'agent' });
    const creds = { email: 'agent@example.com', password: 'agent-password-1' };
    const agent = await signedIn(creds);
    await enrol(agent);
    expect((await client(server.base).post('/api/auth/login', creds)).body.secondFactor).toBe('totp');
    expect((await agent.call('DELETE', `/api/agents/${created.body.id}/two-factor`)).status).toBe(403);
    expect((await admin.del(`/api/agents/${created.body.id}/two-factor`)).status).toBe(204);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    expect((await client(server.base).post('/api/auth/login', creds)).body.agent.email).toBe('agent@example.com');
  });
});

describe('two-factor required for every account', () => {
  it('lets an agent without it do nothing but enrol and sign out, over HTTP and the socket, until they have', async () => {
    server = await startServer();
    const admin = await signedIn();
    const created = await admin.post('/api/agents', { email: 'agent@example.com', name: 'Agent', password: 'agent-password-1', role: 'agent' });
    expect(created.status).toBe(201);
    const agent = await signedIn({ email: 'agent@example.com', password: 'agent-password-1' });
    expect((await agent.get('/api/conversations')).status).toBe(200);

    // Only an admin sets the rule.
    expect((await agent.put('/api/security-settings', { requireTwoFactor: true, idleTimeoutMinutes: null })).status).toBe(403);
    // The admin who requires it must have it: otherwise they would lock themselves out with everyone else.
    const early = await admin.put('/api/security-settings', { requireTwoFactor: true, idleTimeoutMinutes: null });
    expect(early.status).toBe(409);
    await enrol(admin);
    const set = await admin.put('/api/security-settings', { requireTwoFactor: true, idleTimeoutMinutes: null });
    expect(set.status).toBe(200);
    expect((await admin.get('/api/security-settings')).body).toEqual({ requireTwoFactor: true, idleTimeoutMinutes: null });

    const refused = await agent.get('/api/conversations');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('two_factor_required');
    expect((await agent.get('/api/account/sessions')).body.error.code).toBe('two_factor_required');
    await expect(connected(agentSocket(server.base, agent.cookie))).rejects.toThrow('two_factor_required');
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    expect((await agent.get('/api/account/two-factor')).body).toMatchObject({ enabled: false, required: true });

    await enrol(agent);
    expect((await agent.get('/api/conversations')).status).toBe(200);
    await connected(agentSocket(server.base, agent.cookie));
    // Required means it cannot be turned off.
    expect((await agent.post('/api/account/two-factor/disable', { password: 'agent-password-1', code: '123456' })).status).toBe(403);
  });
});
