/** Issue 13 — /metrics and the API docs are not public by default on the public port. */
import { afterAll, describe, expect, it } from 'vitest';
import { login, startServer, type Running } from '../support/harness.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const started: Running[] = [];
afterAll(async () => Promise.all(started.map((s) => s.stop())));
async function server(env: Record<string, string> = {}): Promise<Running> {
  const s = await startServer(env);
  started.push(s);
  return s;
}

async function agentCookie(s: Running, role: string): Promise<string> {
  const admin = await login(s.base);
  const email = `${role}-${Date.now()}@example.com`;
  await fetch(`${s.base}/api/agents`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: role, password: 'a-long-enough-password', role }),
  });
  return login(s.base, { email, password: 'a-long-enough-password' });
}

describe('metrics', () => {
  it('does not exist without CAUSETTE_METRICS_TOKEN', async () => {
    const s = await server();
    expect((await fetch(`${s.base}/metrics`)).status).toBe(404);
    expect((await fetch(`${s.base}/metrics`, { headers: { cookie: await login(s.base) } })).status).toBe(404);
  });

  it('answers only the bearer of the token', async () => {
    const s = await server({ CAUSETTE_METRICS_TOKEN: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await fetch(`${s.base}/metrics`, { headers: authorization ? { authorization } : {} });
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(await res.text()).not.toContain('causette_');
    }
    const ok = await fetch(`${s.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('causette_queue_length');
  });
});

describe('API docs', () => {
  it('are for signed-in admins only by default', async () => {
    const s = await server();
    for (const path of ['/api/docs/', '/api/openapi.json', '/api/docs/json']) {
      expect({ path, status: (await fetch(`${s.base}${path}`)).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await fetch(`${s.base}${path}`, { headers: { cookie: await agentCookie(s, 'agent') } })).status }).toEqual({ path, status: 403 });
      expect({ path, status: (await fetch(`${s.base}${path}`, { headers: { cookie: await login(s.base) } })).status }).toEqual({ path, status: 200 });
    }
  });

  it('are open to anyone with CAUSETTE_API_DOCS=public', async () => {
    const s = await server({ CAUSETTE_API_DOCS: 'public' });
    expect((await fetch(`${s.base}/api/docs/`)).status).toBe(200);
    expect(((await (await fetch(`${s.base}/api/openapi.json`)).json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });
});
