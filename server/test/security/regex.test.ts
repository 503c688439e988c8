/**
 * Issue 13, item 1 — ReDoS. A marketer's `matches` pattern runs against what a visitor sends (the page URL, up
 * to 2,048 characters). Catastrophic patterns are saved, a visitor sends the input that made V8's backtracking
 * engine freeze the whole process, and other clients must still be answered at once. The server runs in this
 * process, so a frozen event loop shows here as a request that took seconds.
 */
import type { Teaser } from '@causette/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from '../support/harness.js';

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

const post = (path: string, body: unknown) => fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

const trigger = (name: string, priority: number, pattern: string) => ({
  siteId,
  name,
  status: 'active',
  priority,
  conditions: { match: 'all', conditions: [{ field: 'page.url', operator: 'matches', value: pattern }] },
  variants: [{ id: 'A', weight: 100, message: { text: `${name}?`, senderName: 'Anna' } }],
  holdoutPercent: 0,
  frequency: { per: 'session' },
  schedule: null,
  onlyWhenAgentAvailable: false,
  delaySeconds: 0,
  openPanel: false,
});

/** Well beyond a normal answer on a loaded machine, far below the seconds the old engine froze for. */
const FREE_MS = 2000;

/** How long a second client (the agent's console) waits for an answer while the visitor's page view is handled. */
async function pageViewWhileOthersAsk(url: string): Promise<{ ms: number; viewOk: boolean; sitesStatus: number; agentOk: boolean }> {
  const visitor = visitorSocket(server.base);
  await connected(visitor);
  await ack(visitor, 'session:resume', {});
  const agent = agentSocket(server.base, cookie);
  await connected(agent);
  const at = Date.now();
  const [view, sites, sync] = await Promise.all([
    ack<{ ok: boolean }>(visitor, 'page:view', { url, title: 'Shop', referrer: '' }),
    fetch(`${server.base}/api/sites`, { headers: { cookie } }),
    ack<{ ok: boolean }>(agent, 'inbox:sync', {}),
  ]);
  return { ms: Date.now() - at, viewOk: view.ok, sitesStatus: sites.status, agentOk: sync.ok };
}

describe('13.1 no trigger pattern stalls the server', () => {
  it('saves catastrophic patterns, and a visitor sending the attack input does not freeze other clients', { timeout: 120_000 }, async () => {
    for (const [name, pattern] of [
      ['Alternation under a quantifier', '(a|a)+$'],
      ['Repeated wildcards', '\\w*\\w*\\w*x'],
    ] as const) {
      const res = await post('/api/triggers', trigger(name, 1, pattern));
      expect(res.status, pattern).toBe(201);
    }
    // 25 characters froze V8 for ~10 s with the first pattern; 2,048 are what a page view may carry.
    for (const url of [`https://x.test/${'a'.repeat(25)}!`, `https://x.test/${'a'.repeat(2048 - 16)}!`]) {
      const r = await pageViewWhileOthersAsk(url);
      expect(r, `page view of ${url.length} characters`).toEqual({ ms: expect.any(Number), viewOk: true, sitesStatus: 200, agentOk: true });
      expect(r.ms, `page view of ${url.length} characters`).toBeLessThan(FREE_MS);
    }
    // The marketer's test panel runs the same patterns on a state they type.
    const at = Date.now();
    const tested = await post('/api/triggers/test', { siteId, state: { page: { url: `https://x.test/${'a'.repeat(2000)}!`, path: '/', title: '' } } });
    expect(tested.status).toBe(200);
    expect(Date.now() - at).toBeLessThan(FREE_MS);
  });

  it('still fires a trigger whose pattern matches the page, ignoring case as before', { timeout: 30_000 }, async () => {
    const created = await post('/api/triggers', trigger('Checkout help', 100, '/DEMO/(cart|checkout)\\.html$'));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const visitor = visitorSocket(server.base);
    await connected(visitor);
    await ack(visitor, 'session:resume', {});
    const teaser = nextEvent<Teaser>(visitor, 'teaser:show');
    await ack(visitor, 'page:view', { url: `${server.base}/demo/checkout.html`, title: 'Checkout', referrer: '' });
    expect(await teaser).toMatchObject({ triggerId: id, text: 'Checkout help?' });
  });

  it('refuses what the linear-time engine cannot run, naming the construct, and saves nothing', async () => {
    for (const [pattern, message] of [
      ['(a)\\1', /conditions\.0: backreferences such as \\1 are not supported/],
      ['/cart(?=/done)', /conditions\.0: lookarounds such as \(\?=…\)/],
      ['([a-z', /conditions\.0: invalid regular expression: missing closing \]/],
      ['(a|b|c|.){1000}', /conditions\.0: the regular expression is too large/],
    ] as const) {
      const res = await post('/api/triggers', trigger('Refused', 1, pattern));
      expect(res.status, pattern).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
    }
    const list = (await (await fetch(`${server.base}/api/triggers?siteId=${siteId}`, { headers: { cookie } })).json()) as { items: Array<{ name: string }> };
    expect(list.items.map((t) => t.name)).not.toContain('Refused');
  });
});
