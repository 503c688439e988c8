/** Proactive triggers end to end over real sockets and HTTP: rule → teaser → reply → purchase → stats. */
import type { Teaser } from '@causette/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
let cookie: string;
let siteId: string;

beforeAll(async () => {
  server = await startServer();
  cookie = await login(server.base);
  siteId = ((await (await fetch(`${server.base}/api/sites`, { headers: { cookie } })).json()) as { items: Array<{ id: string }> }).items[0]!.id;
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const post = (path: string, body: unknown, method = 'POST') =>
  fetch(`${server.base}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

const baseTrigger = {
  name: 'Cart help',
  status: 'active',
  priority: 10,
  conditions: {
    match: 'all',
    conditions: [
      { field: 'cart.total', operator: 'gt', value: 50 },
      { field: 'page.path', operator: 'equals', value: '/demo/cart.html' },
    ],
  },
  variants: [{ id: 'A', weight: 100, message: { text: 'Need a hand with your order?', senderName: 'Anna' } }],
  holdoutPercent: 0,
  frequency: { per: 'session' },
  schedule: null,
  onlyWhenAgentAvailable: false,
  delaySeconds: 0,
  openPanel: false,
};

async function visitor() {
  const s = visitorSocket(server.base);
  await connected(s);
  const r = await ack(s, 'session:resume', {});
  return { s, visitorId: r.visitorId as string };
}
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

describe('triggers', () => {
  it('refuses a regular expression the linear-time engine cannot run with a clear message, and saves nothing', async () => {
    const res = await post('/api/triggers', {
      ...baseTrigger,
      siteId,
      conditions: { match: 'all', conditions: [{ field: 'page.url', operator: 'matches', value: '(a+)\\1$' }] },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/conditions\.0: backreferences such as \\1 are not supported/);
    const list = (await (await fetch(`${server.base}/api/triggers?siteId=${siteId}`, { headers: { cookie } })).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });

  it('shows a teaser when the rule matches, credits the reply and the purchase, and counts them', async () => {
    const created = await post('/api/triggers', { ...baseTrigger, siteId });
    expect(created.status).toBe(201);
    const trigger = (await created.json()) as { id: string };
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    const { s } = await visitor();

    await ack(s, 'page:view', { url: `${server.base}/demo/cart.html`, title: 'Cart', referrer: '' });
    const teaser = nextEvent<Teaser>(s, 'teaser:show');
    await ack(s, 'cart:update', { items: [{ sku: 'tote', name: 'Tote', price: 39, qty: 2 }], total: 78, currency: 'EUR' });
    const shown = await teaser;
    expect(shown).toMatchObject({ triggerId: trigger.id, text: 'Need a hand with your order?', senderName: 'Anna' });

    const started = nextEvent<{ startedBy: { triggerName: string; variant: string } | null }>(agent, 'conversation:update', (c) => c.startedBy !== null);
    const sent = await ack(s, 'message:send', { clientId: cid(), body: 'Yes please', impressionId: shown.impressionId });
    expect(sent.ok).toBe(true);
    expect((await started).startedBy).toEqual({ triggerId: trigger.id, triggerName: 'Cart help', variant: 'A' });

    await ack(s, 'event:track', { name: 'purchase', props: { value: 78 } });
    const stats = (await (await fetch(`${server.base}/api/triggers/${trigger.id}/stats`, { headers: { cookie } })).json()) as {
      funnel: Array<{ variant: string; impressions: number; opened: number; conversations: number; conversions: number; revenue: number }>;
      daily: Array<{ impressions: number }>;
    };
    expect(stats.funnel).toEqual([expect.objectContaining({ variant: 'A', impressions: 1, opened: 1, conversations: 1, conversions: 1, revenue: 78 })]);
    expect(stats.daily.at(-1)!.impressions).toBe(1);

    await post(`/api/triggers/${trigger.id}`, { status: 'paused' }, 'PATCH');
  });

  it('fires on time spent on a page without any further event', async () => {
    const created = await post('/api/triggers', {
      ...baseTrigger,
      siteId,
      name: 'Lingering',
      conditions: { match: 'all', conditions: [{ field: 'time_on_page', operator: 'gt', value: 1 }, { field: 'page.path', operator: 'starts_with', value: '/demo/products/' }] },
    });
    const trigger = (await created.json()) as { id: string };
    const { s } = await visitor();
    const teaser = nextEvent<Teaser>(s, 'teaser:show', () => true, 6000);
    const at = Date.now();
    await ack(s, 'page:view', { url: `${server.base}/demo/products/tote.html`, title: 'Tote', referrer: '' });
    expect((await teaser).triggerId).toBe(trigger.id);
    expect(Date.now() - at).toBeGreaterThanOrEqual(1900);
    await post(`/api/triggers/${trigger.id}`, { status: 'paused' }, 'PATCH');
  });

  it('keeps holdout visitors out of sight but in the counts', async () => {
    const created = await post('/api/triggers', {
      ...baseTrigger,
      siteId,
      name: 'All holdout',
      holdoutPercent: 50,
      conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'equals', value: '/demo/holdout.html' }] },
    });
    const trigger = (await created.json()) as { id: string };
    let teasers = 0;
    for (let i = 0; i < 12; i++) {
      const { s } = await visitor();
      s.on('teaser:show', () => teasers++);
      await ack(s, 'page:view', { url: `${server.base}/demo/holdout.html`, title: 'H', referrer: '' });
    }
    await new Promise((r) => setTimeout(r, 200));
    const stats = (await (await fetch(`${server.base}/api/triggers/${trigger.id}/stats`, { headers: { cookie } })).json()) as { funnel: Array<{ variant: string; impressions: number }> };
    const byVariant = Object.fromEntries(stats.funnel.map((f) => [f.variant, f.impressions]));
    expect((byVariant.A ?? 0) + (byVariant.holdout ?? 0)).toBe(12);
    expect(byVariant.holdout ?? 0).toBeGreaterThan(0);
    expect(teasers).toBe(byVariant.A ?? 0);
    await post(`/api/triggers/${trigger.id}`, { status: 'paused' }, 'PATCH');
  });

  it('explains in the test panel which rule would fire for a given state', async () => {
    const res = await post('/api/triggers/test', { siteId, state: { page: { path: '/demo/cart.html' }, cart: { total: 99 } } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ name: string; matched: boolean; blockedBy: string | null; checks: Array<{ text: string; passed: boolean }> }> };
    const cart = body.results.find((r) => r.name === 'Cart help')!;
    expect(cart).toMatchObject({ matched: true, blockedBy: 'paused' });
    expect(cart.checks.map((c) => [c.text, c.passed])).toEqual([
      ['cart.total > 50', true],
      ['page.path equals "/demo/cart.html"', true],
    ]);
  });

  it('lets only marketers and admins change triggers', async () => {
    await post('/api/agents', { email: 'agent-t@example.com', name: 'Tim', password: 'tim-long-password', role: 'agent' });
    const tim = await login(server.base, { email: 'agent-t@example.com', password: 'tim-long-password' });
    const res = await fetch(`${server.base}/api/triggers`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: tim }, body: JSON.stringify({ ...baseTrigger, siteId }) });
    expect(res.status).toBe(403);
  });
});

describe('trigger frequency in practice', () => {
  it('does not show a dismissed teaser again in the same session', async () => {
    const created = await post('/api/triggers', {
      ...baseTrigger,
      siteId,
      name: 'Once a session',
      conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'equals', value: '/demo/once.html' }] },
    });
    const trigger = (await created.json()) as { id: string };
    const { s } = await visitor();
    const first = nextEvent<Teaser>(s, 'teaser:show');
    await ack(s, 'page:view', { url: `${server.base}/demo/once.html`, title: 'Once', referrer: '' });
    const shown = await first;
    expect((await ack(s, 'teaser:dismiss', { impressionId: shown.impressionId })).ok).toBe(true);
    let again = 0;
    s.on('teaser:show', () => again++);
    // page:view is acked after the evaluation it causes, so a second teaser would have arrived by now.
    await ack(s, 'page:view', { url: `${server.base}/demo/once.html`, title: 'Once', referrer: '' });
    await ack(s, 'page:view', { url: `${server.base}/demo/once.html?again=1`, title: 'Once', referrer: '' });
    expect(again).toBe(0);
    const stats = (await (await fetch(`${server.base}/api/triggers/${trigger.id}/stats`, { headers: { cookie } })).json()) as { funnel: Array<{ impressions: number }> };
    expect(stats.funnel[0]!.impressions).toBe(1);
    await post(`/api/triggers/${trigger.id}`, { status: 'paused' }, 'PATCH');
  });

  it("refuses to dismiss someone else's teaser", async () => {
    const { s } = await visitor();
    const r = await ack(s, 'teaser:dismiss', { impressionId: 'not-my-impression-id' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
