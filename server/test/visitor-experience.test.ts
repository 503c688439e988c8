/**
 * The visitor experience over real sockets against the real server: the pre-chat form, delivery receipts, the
 * rating of a closed chat and the CSAT report, the history of past chats, and opening hours. Each test works on
 * its own site.
 */
import type { ConversationSummary, VisitorConversation } from '@causette/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
let n = 0;
const uniq = () => `${Date.now().toString(36)}${n++}`;
const call = async (method: string, path: string, body?: unknown, cookie = admin) => {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
};

async function newSite(settings: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const created = await call('POST', '/api/sites', { name: `Shop ${uniq()}`, allowedOrigins: ['self'] });
  expect(created.status).toBe(201);
  if (Object.keys(settings).length) expect((await call('PATCH', `/api/sites/${created.body.id}`, { settings })).status).toBe(200);
  return created.body;
}

async function newAgent(siteId: string, name: string): Promise<{ id: string; socket: Socket; cookie: string }> {
  const email = `${name.toLowerCase()}-${uniq()}@example.com`;
  const password = `${name}-long-password`;
  const created = await call('POST', '/api/agents', { email, name, password, siteIds: [siteId] });
  expect(created.status).toBe(201);
  const cookie = await login(server.base, { email, password });
  const socket = agentSocket(server.base, cookie);
  await connected(socket);
  return { id: created.body.id, socket, cookie };
}

async function visitor(siteKey: string): Promise<Socket> {
  const v = visitorSocket(server.base, { siteKey });
  await connected(v);
  return v;
}

const prechat = {
  enabled: true,
  name: 'optional',
  email: 'required',
  askTeam: true,
  fields: [
    { id: 'order_number', label: 'Order number', type: 'text', required: true },
    { id: 'topic', label: 'Topic', type: 'select', required: false, options: ['Delivery', 'Returns'] },
  ],
};

it('asks a new visitor the pre-chat questions: missing answers are refused, answers reach the agent, identified visitors skip it', async () => {
  const site = await newSite({ prechat });
  const ana = await newAgent(site.id, 'Ana');
  const sales = await call('POST', '/api/teams', { siteId: site.id, name: 'Sales', memberIds: [ana.id] });
  const v = await visitor(site.key);
  const resumed = await ack(v, 'session:resume', {});
  expect(resumed.site.settings.prechat).toEqual(prechat);
  expect(resumed.site.teams).toEqual([{ id: sales.body.id, name: 'Sales', opening: { open: true, reopensAt: null } }]);

  const missing = await ack(v, 'message:send', { clientId: cid(), body: 'Where is my parcel?', prechat: { name: 'Léa' } });
  expect(missing).toEqual({ ok: false, error: { code: 'bad_request', message: 'The pre-chat form needs: email, Order number.' } });
  const badChoice = await ack(v, 'message:send', { clientId: cid(), body: 'Hi', prechat: { email: 'lea@example.com', fields: { order_number: 'A-1', topic: 'Cake' } } });
  expect(badChoice.error).toEqual({ code: 'bad_request', message: '"Cake" is not a choice of Topic.' });
  // Nothing was stored by the refused attempts: the visitor has no conversation yet.
  expect((await ack(v, 'conversation:list', {})).conversations).toEqual([]);

  const queued = nextEvent<ConversationSummary>(ana.socket, 'conversation:update');
  const sent = await ack(v, 'message:send', {
    clientId: cid(),
    body: 'Where is my parcel?',
    teamId: sales.body.id,
    prechat: { name: 'Léa', email: 'lea@example.com', fields: { order_number: ' A-1234 ', topic: 'Delivery', unknown_field: 'dropped' } },
  });
  expect(sent.ok).toBe(true);
  const summary = await queued;
  expect(summary).toMatchObject({
    visitorName: 'Léa',
    visitorEmail: 'lea@example.com',
    teamName: 'Sales',
    fields: { order_number: 'A-1234', topic: 'Delivery' },
  });

  // A visitor the shop identified is known already: no form.
  const known = await visitor(site.key);
  expect((await ack(known, 'visitor:identify', { id: 'customer-42', name: 'Max', email: 'max@example.com' })).ok).toBe(true);
  expect((await ack(known, 'message:send', { clientId: cid(), body: 'Hello' })).ok).toBe(true);
});

it('tells each side when its messages were delivered, before they are read', async () => {
  const site = await newSite();
  const ana = await newAgent(site.id, 'Ana');
  const v = await visitor(site.key);
  const first = await ack(v, 'message:send', { clientId: cid(), body: 'Hello?' });
  const conversationId = first.conversation.id as string;
  expect(first.conversation.agentDeliveredSeq).toBe(0);
  expect((await ack(ana.socket, 'conversation:take', { conversationId })).ok).toBe(true);

  // The console received the visitor's message: the visitor's tick says delivered, not read.
  const update = nextEvent<VisitorConversation>(v, 'conversation:update', (c) => c.agentDeliveredSeq === 1);
  expect((await ack(ana.socket, 'message:delivered', { conversationId, seq: 1 })).ok).toBe(true);
  expect(await update).toMatchObject({ agentDeliveredSeq: 1, agentReadSeq: 0 });

  const reply = await ack(ana.socket, 'message:send', { conversationId, clientId: cid(), body: 'Hi! How can I help?' });
  const seen = nextEvent<ConversationSummary>(ana.socket, 'conversation:update', (c) => c.visitorDeliveredSeq === reply.seq);
  expect((await ack(v, 'message:delivered', { conversationId, seq: reply.seq })).ok).toBe(true);
  expect(await seen).toMatchObject({ visitorDeliveredSeq: reply.seq, visitorReadSeq: 0 });
  // Receipts never run ahead of the conversation, and never go back.
  expect((await ack(v, 'message:delivered', { conversationId, seq: 999 })).ok).toBe(true);
  expect((await ack(v, 'message:delivered', { conversationId, seq: 1 })).ok).toBe(true);
  const [row] = (await ack(ana.socket, 'inbox:sync', {})).mine.filter((c: ConversationSummary) => c.id === conversationId);
  expect(row.visitorDeliveredSeq).toBe(reply.seq);
  // Someone else's conversation cannot be marked.
  const other = await visitor(site.key);
  expect((await ack(other, 'message:delivered', { conversationId, seq: 1 })).error?.code).toBe('not_found');
});

it('lets the visitor rate a closed chat, shows it to the agent at once, and counts it in the CSAT report', async () => {
  const site = await newSite();
  const ana = await newAgent(site.id, 'Ana');
  const v = await visitor(site.key);
  const first = await ack(v, 'message:send', { clientId: cid(), body: 'My order is late' });
  const conversationId = first.conversation.id as string;
  await ack(ana.socket, 'conversation:take', { conversationId });
  expect((await ack(v, 'conversation:rate', { conversationId, score: 5 })).error).toEqual({ code: 'conflict', message: 'A chat can be rated once it is closed.' });
  await ack(ana.socket, 'conversation:close', { conversationId });

  expect((await ack(v, 'conversation:rate', { conversationId, score: 6 })).error?.code).toBe('bad_request');
  const rated = nextEvent<ConversationSummary>(ana.socket, 'conversation:update', (c) => c.rating !== null);
  const reply = await ack(v, 'conversation:rate', { conversationId, score: 2, comment: '  Slow answer  ' });
  expect(reply.conversation.rating).toEqual({ score: 2, comment: 'Slow answer', ratedAt: expect.any(Number) });
  expect((await rated).rating).toMatchObject({ score: 2, comment: 'Slow answer' });
  // Rating again replaces the first rating.
  expect((await ack(v, 'conversation:rate', { conversationId, score: 4 })).conversation.rating).toMatchObject({ score: 4, comment: null });

  const report = await call('GET', `/api/reports/csat?siteId=${site.id}&days=7`);
  expect(report.status).toBe(200);
  expect(report.body).toMatchObject({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0], satisfiedPercent: 100, byAgent: [{ agentId: ana.id, name: 'Ana', count: 1, average: 4 }] });
  expect(report.body.recent.map((c: ConversationSummary) => c.id)).toEqual([conversationId]);
  // Plain agents do not see reports.
  expect((await call('GET', `/api/reports/csat?siteId=${site.id}`, undefined, ana.cookie)).status).toBe(403);
});

it('keeps closed chats in the visitor’s history and starts a new one on the next message', async () => {
  const site = await newSite();
  const ana = await newAgent(site.id, 'Ana');
  const v = await visitor(site.key);
  const first = await ack(v, 'message:send', { clientId: cid(), body: 'First question' });
  await ack(ana.socket, 'conversation:take', { conversationId: first.conversation.id });
  await ack(ana.socket, 'message:send', { conversationId: first.conversation.id, clientId: cid(), body: 'First answer' });
  await ack(ana.socket, 'conversation:close', { conversationId: first.conversation.id });

  const second = await ack(v, 'message:send', { clientId: cid(), body: 'Second question' });
  expect(second.conversation.id).not.toBe(first.conversation.id);
  const { conversations } = await ack(v, 'conversation:list', {});
  expect(conversations.map((c: { id: string; status: string; lastMessage: { body: string } }) => [c.id, c.status, c.lastMessage.body])).toEqual([
    [second.conversation.id, 'open', 'Second question'],
    [first.conversation.id, 'resolved', 'First answer'],
  ]);
  expect(conversations[1].agent).toMatchObject({ name: 'Ana' });
  // The closed chat stays readable.
  const old = await ack(v, 'message:sync', { conversationId: first.conversation.id, afterSeq: 0 });
  expect(old.messages.map((m: { body: string }) => m.body)).toEqual(['First question', 'First answer']);
  // Another visitor sees none of it.
  const other = await visitor(site.key);
  expect((await ack(other, 'conversation:list', {})).conversations).toEqual([]);
});

it('tells visitors when the site is closed and when it opens again, live when the hours change', async () => {
  const site = await newSite();
  const v = await visitor(site.key);
  expect((await ack(v, 'session:resume', {})).opening).toEqual({ open: true, reopensAt: null });

  // Open only on the weekday three days from now, so it is closed today whatever the clock says.
  const day = (new Date().getUTCDay() + 3) % 7;
  const hours = { timeZone: 'UTC', windows: [{ day, open: '09:00', close: '17:00' }] };
  const announced = nextEvent<{ agentsOnline: boolean; opening: { open: boolean; reopensAt: number } }>(v, 'site:availability');
  expect((await call('PATCH', `/api/sites/${site.id}`, { settings: { hours } })).status).toBe(200);
  const availability = await announced;
  expect(availability.opening.open).toBe(false);
  const reopens = new Date(availability.opening.reopensAt);
  expect([reopens.getUTCDay(), reopens.getUTCHours(), reopens.getUTCMinutes()]).toEqual([day, 9, 0]);
  expect(availability.opening.reopensAt - Date.now()).toBeGreaterThan(2 * 86_400_000 - 86_400_000);
  expect((await ack(v, 'session:resume', {})).opening).toEqual(availability.opening);

  // Nonsense hours are refused with a reason; null removes the hours.
  const badZone = await call('PATCH', `/api/sites/${site.id}`, { settings: { hours: { timeZone: 'Mars/Olympus', windows: [] } } });
  expect(badZone).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'settings.hours.timeZone: "Mars/Olympus" is not a known time zone.' } } });
  const backwards = await call('PATCH', `/api/sites/${site.id}`, { settings: { hours: { timeZone: 'UTC', windows: [{ day: 1, open: '18:00', close: '09:00' }] } } });
  expect(backwards.body.error.message).toBe('settings.hours.windows[0]: opens at 18:00 but closes at 09:00.');
  expect((await call('PATCH', `/api/sites/${site.id}`, { settings: { hours: null } })).body.settings.hours).toBeUndefined();
  expect((await ack(v, 'session:resume', {})).opening).toEqual({ open: true, reopensAt: null });

  // A team may keep its own hours; the pre-chat choice shows whether it is open.
  const team = await call('POST', '/api/teams', { siteId: site.id, name: 'Night' });
  expect((await call('PATCH', `/api/teams/${team.body.id}`, { hours })).body.hours).toEqual(hours);
  await call('PATCH', `/api/sites/${site.id}`, { settings: { prechat: { ...prechat, fields: [] } } });
  const teams = (await ack(v, 'session:resume', {})).site.teams;
  expect(teams).toEqual([{ id: team.body.id, name: 'Night', opening: { open: false, reopensAt: availability.opening.reopensAt } }]);

  // The admin renames the team and gives it the site's hours (always open): the open widget's topic list follows.
  type Topics = { teams?: Array<{ id: string; name: string; opening: { open: boolean } }> };
  const topics = nextEvent<Topics>(v, 'site:update', (p) => !!p.teams);
  expect((await call('PATCH', `/api/teams/${team.body.id}`, { name: 'Evening', hours: null })).status).toBe(200);
  expect((await topics).teams).toEqual([{ id: team.body.id, name: 'Evening', opening: { open: true, reopensAt: null } }]);
  // A new team appears in it at once.
  const more = nextEvent<Topics>(v, 'site:update', (p) => (p.teams?.length ?? 0) === 2);
  const sales = await call('POST', '/api/teams', { siteId: site.id, name: 'Sales' });
  expect((await more).teams!.map((t) => t.name).sort()).toEqual(['Evening', 'Sales']);
  const fewer = nextEvent<Topics>(v, 'site:update', (p) => p.teams?.length === 1);
  expect((await call('DELETE', `/api/teams/${sales.body.id}`)).status).toBe(204);
  expect((await fewer).teams!.map((t) => t.name)).toEqual(['Evening']);
});

it("takes the launcher's image as an http(s) address only, and clears it with ''", async () => {
  const site = await newSite();
  const set = await call('PATCH', `/api/sites/${site.id}`, { settings: { launcherIcon: 'https://cdn.shop.example/ana.png' } });
  expect(set.status).toBe(200);
  expect(set.body.settings.launcherIcon).toBe('https://cdn.shop.example/ana.png');
  for (const bad of ['javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', '//cdn.example/x.png', 'https://x.example/a b.png', 'https://x.example/")url(evil']) {
    const refused = await call('PATCH', `/api/sites/${site.id}`, { settings: { launcherIcon: bad } });
    expect(refused.status, bad).toBe(400);
  }
  expect((await call('GET', `/api/sites`)).body.items.find((s: { id: string }) => s.id === site.id).settings.launcherIcon).toBe('https://cdn.shop.example/ana.png');
  expect((await call('PATCH', `/api/sites/${site.id}`, { settings: { launcherIcon: '' } })).body.settings.launcherIcon).toBe('');
});

it('clears the corner with position: null, and open widgets hear it', async () => {
  const site = await newSite({ position: 'left' });
  const visitor = visitorSocket(server.base, { siteKey: site.key });
  await connected(visitor);
  expect((await ack(visitor, 'session:resume', {})).site.settings.position).toBe('left');
  const update = nextEvent(visitor, 'site:update');
  const cleared = await call('PATCH', `/api/sites/${site.id}`, { settings: { position: null } });
  expect(cleared.status).toBe(200);
  expect(cleared.body.settings).not.toHaveProperty('position');
  expect(((await update) as { settings: Record<string, unknown> }).settings).not.toHaveProperty('position');
  expect((await call('PATCH', `/api/sites/${site.id}`, { settings: { position: 'up' } })).status).toBe(400);
});

it("tells agents the visitor's time zone once their widget reports it (for the sidebar's local time)", async () => {
  const site = await newSite();
  const v = await visitor(site.key);
  const { visitorId } = await ack(v, 'session:resume', {});
  expect((await call('GET', `/api/visitors/${visitorId}/context`)).body.context.timeZone).toBe('');
  await ack(v, 'session:resume', { timeZone: 'Asia/Tokyo' });
  expect((await call('GET', `/api/visitors/${visitorId}/context`)).body.context.timeZone).toBe('Asia/Tokyo');
});
