/**
 * Issue 13, item 4 — bidi controls in names. A visitor named `Mal \u202Egnp.exe` showed as "Mal exe.png" to
 * agents, and an unclosed override reordered the console's own text around it. Every name and label a visitor,
 * an admin or a shop page sends reaches the agent side without embedding, override or isolate controls.
 */
import type { ConversationSummary, VisitorContext } from '@causette/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';

let server: Running;
let admin: string;
let siteId: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server.base);
  siteId = ((await (await fetch(`${server.base}/api/sites`, { headers: { cookie: admin } })).json()) as { items: Array<{ id: string }> }).items[0]!.id;
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const RLO = '\u202E';
const CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { cookie: admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
};

async function visitor() {
  const v = visitorSocket(server.base);
  await connected(v);
  const resumed = await ack(v, 'session:resume', {});
  return { v, visitorId: resumed.visitorId as string };
}

async function inboxQueue(): Promise<ConversationSummary[]> {
  const agent = agentSocket(server.base, admin);
  await connected(agent);
  const synced = await ack(agent, 'inbox:sync', {});
  return [...synced.mine, ...synced.queue, ...synced.pending];
}

describe('13.4 bidi controls in names', () => {
  it('shows agents what a visitor sent (name, page, referrer, UTM, cart) without bidi controls', async () => {
    const { v, visitorId } = await visitor();
    expect((await ack(v, 'visitor:identify', { id: `customer${RLO}-7`, name: `Mal ${RLO}gnp.exe` })).ok).toBe(true);
    const url = `${server.base}/demo/cart.html?utm_source=%E2%80%AEgnp.exe&utm_medium=m%E2%81%A6x&utm_campaign=${RLO}spring`;
    expect((await ack(v, 'page:view', { url, title: `Cart ${RLO}fdp.exe`, referrer: `https://ref.test/${RLO}gro` })).ok).toBe(true);
    expect((await ack(v, 'cart:update', { items: [{ sku: `tote${RLO}-1`, name: `Tote ${RLO}gnp.exe`, price: 10, qty: 1 }], total: 10, currency: 'EUR' })).ok).toBe(true);
    expect((await ack(v, 'message:send', { clientId: cid(), body: 'Hello' })).ok).toBe(true);

    const summary = (await inboxQueue()).find((c) => c.visitorId === visitorId)!;
    expect(summary.visitorName).toBe('Mal gnp.exe');

    const { context } = (await call('GET', `/api/visitors/${visitorId}/context`)).body as { context: VisitorContext };
    expect(context.name).toBe('Mal gnp.exe');
    expect(context.currentPage?.title).toBe('Cart fdp.exe');
    expect(context.referrer).toBe('https://ref.test/gro');
    expect(context.utm).toEqual({ source: 'gnp.exe', medium: 'mx', campaign: 'spring' });
    expect(context.cart?.items[0]).toMatchObject({ sku: 'tote-1', name: 'Tote gnp.exe' });
    expect(JSON.stringify(context)).not.toMatch(CONTROLS);
    expect(JSON.stringify(summary)).not.toMatch(CONTROLS);
  });

  it('strips them from pre-chat answers and from the name left with a message', async () => {
    const prechat = { enabled: true, name: 'optional', email: 'optional', askTeam: false, fields: [{ id: 'company', label: 'Company', type: 'text', required: false }] };
    expect((await call('PATCH', `/api/sites/${siteId}`, { settings: { prechat } })).status).toBe(200);
    const eve = await visitor();
    const sent = await ack(eve.v, 'message:send', { clientId: cid(), body: 'Hi', prechat: { name: `Eve ${RLO}gnp.exe`, fields: { company: `ACME ${RLO}evil` } } });
    expect(sent.ok).toBe(true);
    const leo = await visitor();
    expect((await ack(leo.v, 'message:leave', { clientId: cid(), email: 'leo@example.com', name: `Leo ${RLO}gnp.exe`, body: 'Call me' })).ok).toBe(true);

    const inbox = await inboxQueue();
    expect(inbox.find((c) => c.visitorId === eve.visitorId)).toMatchObject({ visitorName: 'Eve gnp.exe', fields: { company: 'ACME evil' } });
    expect(inbox.find((c) => c.visitorId === leo.visitorId)).toMatchObject({ visitorName: 'Leo gnp.exe' });
    expect((await call('PATCH', `/api/sites/${siteId}`, { settings: { prechat: { ...prechat, enabled: false } } })).status).toBe(200);
  });

  it('strips them from agent and team names set through the API, and refuses a name of controls only', async () => {
    const created = await call('POST', '/api/agents', { email: 'ana-bidi@example.com', name: `Ana ${RLO}gnp.exe`, password: 'ana-long-password', siteIds: [siteId] });
    expect(created).toMatchObject({ status: 201, body: { name: 'Ana gnp.exe' } });
    expect(await call('PATCH', `/api/agents/${created.body.id}`, { name: `Ana\u2067 B` })).toMatchObject({ status: 200, body: { name: 'Ana B' } });
    expect((await call('PATCH', `/api/agents/${created.body.id}`, { name: RLO })).status).toBe(400);

    const team = await call('POST', '/api/teams', { siteId, name: `Sales ${RLO}selas` });
    expect(team).toMatchObject({ status: 201, body: { name: 'Sales selas' } });
    expect(await call('PATCH', `/api/teams/${team.body.id}`, { name: `\u2066Returns\u2069` })).toMatchObject({ status: 200, body: { name: 'Returns' } });
    expect((await call('POST', '/api/teams', { siteId, name: `${RLO}\u202C` })).status).toBe(400);
  });
});
