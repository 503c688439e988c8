/**
 * Routing at full load over real sockets: team queues, SLA reassignment, leave-a-message when nobody is online,
 * typing preview, and the supervisor's overview and takeover. Each test works on its own site.
 */
import type { Message } from '@causette/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
let admin: string;
beforeAll(async () => {
  // A fast sweep so that an SLA of 1 s is noticed within a fraction of a second.
  server = await startServer({ CAUSETTE_SWEEP_MS: '150' });
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

async function newSite(settings: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const created = await call('POST', '/api/sites', { name: `Shop ${uniq()}`, allowedOrigins: ['self'] });
  expect(created.status).toBe(201);
  expect((await call('PATCH', `/api/sites/${created.body.id}`, { settings })).status).toBe(200);
  return created.body;
}

async function newAgent(siteId: string, name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; socket: Socket; cookie: string }> {
  const email = `${name.toLowerCase()}-${uniq()}@example.com`;
  const password = `${name}-long-password`;
  const created = await call('POST', '/api/agents', { email, name, password, siteIds: [siteId], ...extra });
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

const timeline = async (agent: Socket, conversationId: string) =>
  ((await ack(agent, 'message:sync', { conversationId, afterSeq: 0 })).messages as Message[]).map((m) => [m.kind, m.body]);

it('keeps a team its own queue: a chat for Sales goes to a Sales member even when another agent is freer', async () => {
  const site = await newSite({ routing: 'auto' });
  const ana = await newAgent(site.id, 'Ana', { capacity: 1 });
  const bo = await newAgent(site.id, 'Bo', { capacity: 5 });
  const sales = await call('POST', '/api/teams', { siteId: site.id, name: 'Sales', memberIds: [ana.id] });
  expect(sales.status).toBe(201);
  expect((await call('GET', `/api/teams?siteId=${site.id}`, undefined, bo.cookie)).body).toEqual([expect.objectContaining({ name: 'Sales', memberIds: [ana.id] })]);
  // Only admins shape teams.
  expect((await call('POST', '/api/teams', { siteId: site.id, name: 'Support' }, bo.cookie)).status).toBe(403);

  const v1 = await visitor(site.key);
  const first = await ack(v1, 'message:send', { clientId: cid(), body: 'I want to buy 40 chairs', teamId: sales.body.id });
  expect(first.conversation.agent?.name).toBe('Ana');
  expect(await timeline(ana.socket, first.conversation.id)).toContainEqual(['note', 'Assigned to Ana (Sales): most free slots (1 of 1)']);

  // Ana is full: the next Sales chat waits in the Sales line, first in it, although Bo has four free slots.
  const v2 = await visitor(site.key);
  const second = await ack(v2, 'message:send', { clientId: cid(), body: 'A quote please', teamId: sales.body.id });
  expect(second.conversation.agent).toBeNull();
  expect(second.conversation.queue).toEqual({ position: 1, waitSeconds: expect.any(Number) });
  const summary = (await ack(ana.socket, 'inbox:sync', {})).queue.find((c: { id: string }) => c.id === second.conversation.id);
  expect(summary).toMatchObject({ teamId: sales.body.id, teamName: 'Sales' });
  // The Sales line is for Sales: Bo, outside the team, does not see it.
  expect((await ack(bo.socket, 'inbox:sync', {})).queue.map((c: { id: string }) => c.id)).not.toContain(second.conversation.id);

  // A chat for no team goes to Bo at once: the Sales line does not hold up the site's.
  const v3 = await visitor(site.key);
  expect((await ack(v3, 'message:send', { clientId: cid(), body: 'Where is my parcel?' })).conversation.agent?.name).toBe('Bo');

  // Ana closes her chat: the waiting Sales visitor is hers.
  const served = nextEvent<{ agent: { name: string } | null }>(v2, 'conversation:update', (c) => c.agent?.name === 'Ana');
  await ack(ana.socket, 'conversation:close', { conversationId: first.conversation.id });
  await served;
});

it('transfers a chat to a team, where a member picks it up with the note', async () => {
  const site = await newSite({ routing: 'auto' });
  const bo = await newAgent(site.id, 'Bo', { capacity: 3 });
  const v = await visitor(site.key);
  const sent = await ack(v, 'message:send', { clientId: cid(), body: 'Do you ship to Norway?' });
  expect(sent.conversation.agent?.name).toBe('Bo');
  const cara = await newAgent(site.id, 'Cara', { capacity: 3 });
  const shipping = (await call('POST', '/api/teams', { siteId: site.id, name: 'Shipping', memberIds: [cara.id] })).body;

  const joined = nextEvent<{ agent: { name: string } | null }>(v, 'conversation:update', (c) => c.agent?.name === 'Cara');
  const moved = await ack(bo.socket, 'conversation:transfer', { conversationId: sent.conversation.id, toTeamId: shipping.id, note: 'Norway rates' });
  expect(moved.ok).toBe(true);
  await joined;
  expect(await timeline(cara.socket, sent.conversation.id)).toEqual(
    expect.arrayContaining([
      ['note', 'Transferred to the Shipping team: Norway rates'],
      ['note', 'Assigned to Cara (Shipping): most free slots (3 of 3)'],
    ]),
  );
  // Both at once, or neither, is refused before anything moves.
  expect((await ack(cara.socket, 'conversation:transfer', { conversationId: sent.conversation.id })).error.code).toBe('bad_request');
  // Bo no longer holds it and is not in Shipping: the chat is out of his sight, so he cannot move it back.
  const refused = await ack(bo.socket, 'conversation:transfer', { conversationId: sent.conversation.id, toAgentId: bo.id });
  expect(refused.error.code).toBe('not_found');
  // Nor may an agent who sees a chat move it from its holder: only the holder or a supervisor.
  const dan = await newAgent(site.id, 'Dan', { capacity: 3 });
  await call('PATCH', `/api/teams/${shipping.id}`, { memberIds: [cara.id, dan.id] });
  expect((await ack(dan.socket, 'conversation:transfer', { conversationId: sent.conversation.id, toAgentId: dan.id })).error.code).toBe('forbidden');
});

it('reassigns a chat its agent leaves unanswered past the SLA, and keeps one that was answered', async () => {
  const site = await newSite({ routing: 'auto', slaSeconds: 1 });
  const ana = await newAgent(site.id, 'Ana', { capacity: 2 });
  const v = await visitor(site.key);
  const sent = await ack(v, 'message:send', { clientId: cid(), body: 'Hello? Anyone?' });
  expect(sent.conversation.agent?.name).toBe('Ana');
  const bo = await newAgent(site.id, 'Bo', { capacity: 2 });

  const reassigned = nextEvent<{ agent: { name: string } | null }>(v, 'conversation:update', (c) => c.agent?.name === 'Bo', 4000);
  const joinedLine = nextEvent<Message>(v, 'message:new', (m) => m.body === 'Bo joined the chat', 4000);
  await reassigned;
  await joinedLine;
  expect(await timeline(bo.socket, sent.conversation.id)).toContainEqual(['note', 'Reassigned to Bo: Ana did not answer within 1 s']);

  // Bo answers in time: the chat stays his however long the visitor then takes.
  await ack(bo.socket, 'message:send', { conversationId: sent.conversation.id, clientId: cid(), body: 'Hi, Bo here.' });
  await new Promise((r) => setTimeout(r, 1500));
  const inbox = await ack(bo.socket, 'inbox:sync', {});
  expect(inbox.mine.map((c: { id: string }) => c.id)).toContain(sent.conversation.id);
  expect(inbox.mine.find((c: { id: string }) => c.id === sent.conversation.id).awaitingSince).toBeNull();
});

it('takes a left message while nobody is online, shows it as pending, and turns it into a chat when an agent replies', async () => {
  const site = await newSite({ routing: 'auto' });
  const v = await visitor(site.key);
  expect((await ack(v, 'session:resume', {})).agentsOnline).toBe(false);
  const bad = await ack(v, 'message:leave', { clientId: cid(), email: 'not-an-address', body: 'Hi' });
  expect(bad.error.code).toBe('bad_request');
  const left = await ack(v, 'message:leave', { clientId: cid(), email: 'lea@example.com', name: 'Léa', body: 'Is the blue sofa back in stock?' });
  expect(left.ok).toBe(true);
  expect(left.conversation).toMatchObject({ status: 'pending', agent: null });

  // An agent arrives: the visitor is told someone is there, and the message waits under Pending, with the address.
  const available = nextEvent<{ agentsOnline: boolean }>(v, 'site:availability', (p) => p.agentsOnline);
  const ana = await newAgent(site.id, 'Ana');
  await available;
  const inbox = await ack(ana.socket, 'inbox:sync', {});
  expect(inbox.queue).toEqual([]);
  expect(inbox.pending).toEqual([expect.objectContaining({ id: left.conversation.id, status: 'pending', visitorEmail: 'lea@example.com', visitorName: 'Léa' })]);

  const reply = nextEvent<Message>(v, 'message:new', (m) => m.author === 'agent');
  const reopened = nextEvent<{ status: string; agent: { name: string } | null }>(v, 'conversation:update', (c) => c.status === 'open');
  await ack(ana.socket, 'message:send', { conversationId: left.conversation.id, clientId: cid(), body: 'Yes, since Monday!' });
  expect((await reply).body).toBe('Yes, since Monday!');
  expect((await reopened).agent?.name).toBe('Ana');

  // The last agent leaving turns the widget back to the form.
  const gone = nextEvent<{ agentsOnline: boolean }>(v, 'site:availability', (p) => !p.agentsOnline);
  ana.socket.disconnect();
  await gone;
});

it('shows agents what the visitor is typing only where the site allows it', async () => {
  const site = await newSite({ routing: 'auto' });
  const ana = await newAgent(site.id, 'Ana');
  const v = await visitor(site.key);
  const { conversation } = await ack(v, 'message:send', { clientId: cid(), body: 'Hi' });

  const preview = nextEvent<{ draft?: string }>(ana.socket, 'typing:update', (p) => p.draft !== undefined);
  await ack(v, 'typing:set', { conversationId: conversation.id, typing: true, draft: 'My order number is 12' });
  expect((await preview).draft).toBe('My order number is 12');
  // A pause keeps the unsent text in the agent's preview.
  const paused = nextEvent<{ typing: boolean; draft?: string }>(ana.socket, 'typing:update');
  await ack(v, 'typing:set', { conversationId: conversation.id, typing: false, draft: 'My order number is 12' });
  expect(await paused).toEqual({ conversationId: conversation.id, typing: false, draft: 'My order number is 12' });

  // Open widgets learn at once, so they stop sending drafts and drop their notice without a reload.
  const told = nextEvent<{ settings: { typingPreview?: boolean } }>(v, 'site:update');
  expect((await call('PATCH', `/api/sites/${site.id}`, { settings: { typingPreview: false } })).status).toBe(200);
  expect((await told).settings.typingPreview).toBe(false);
  const plain = nextEvent<{ typing: boolean; draft?: string }>(ana.socket, 'typing:update');
  await ack(v, 'typing:set', { conversationId: conversation.id, typing: true, draft: 'My order number is 1234' });
  expect(await plain).toEqual({ conversationId: conversation.id, typing: true });
});

it('gives supervisors the team overview and a takeover, and nobody else', async () => {
  const site = await newSite({ routing: 'auto' });
  const ana = await newAgent(site.id, 'Ana', { capacity: 2 });
  const sue = await newAgent(site.id, 'Sue', { role: 'supervisor', capacity: 2 });
  await ack(sue.socket, 'agent:status', { status: 'away' });
  const v = await visitor(site.key);
  const { conversation } = await ack(v, 'message:send', { clientId: cid(), body: 'My parcel is late' });
  expect(conversation.agent?.name).toBe('Ana');

  expect((await ack(ana.socket, 'supervisor:overview', {})).error.code).toBe('forbidden');
  expect((await ack(ana.socket, 'conversation:takeover', { conversationId: conversation.id })).error.code).toBe('forbidden');

  const overview = await ack(sue.socket, 'supervisor:overview', {});
  const rows = Object.fromEntries(overview.agents.map((a: { name: string }) => [a.name, a]));
  expect(rows.Ana).toMatchObject({ status: 'online', active: 1, capacity: 2 });
  expect(rows.Sue).toMatchObject({ status: 'away', active: 0 });
  expect(overview.conversations).toEqual([expect.objectContaining({ id: conversation.id, assigneeName: 'Ana', awaitingSince: expect.any(Number) })]);

  const joined = nextEvent<Message>(v, 'message:new', (m) => m.body === 'Sue joined the chat');
  const taken = await ack(sue.socket, 'conversation:takeover', { conversationId: conversation.id });
  expect(taken.conversation).toMatchObject({ assigneeName: 'Sue' });
  await joined;
  expect(await timeline(ana.socket, conversation.id)).toContainEqual(['note', 'Taken over by Sue from Ana']);
});

it('shows a deleted team’s waiting chats to every agent of the site at once, without a reconnect', async () => {
  const site = await newSite({ routing: 'manual' });
  const ana = await newAgent(site.id, 'Ana');
  const bo = await newAgent(site.id, 'Bo');
  const sales = await call('POST', '/api/teams', { siteId: site.id, name: 'Sales', memberIds: [ana.id] });
  const v = await visitor(site.key);
  const sent = await ack(v, 'message:send', { clientId: cid(), body: 'Do you ship to Norway?', teamId: sales.body.id });
  const conversationId = sent.conversation.id as string;
  // Bo is not in Sales: the chat is not in his queue.
  expect((await ack(bo.socket, 'inbox:sync', {})).queue.map((c: { id: string }) => c.id)).not.toContain(conversationId);

  const shown = nextEvent<{ id: string; teamId: string | null }>(bo.socket, 'conversation:update', (c) => c.id === conversationId);
  expect((await call('DELETE', `/api/teams/${sales.body.id}`)).status).toBe(204);
  expect(await shown).toMatchObject({ id: conversationId, teamId: null, status: 'open', assigneeId: null });
  expect((await ack(bo.socket, 'conversation:take', { conversationId })).ok).toBe(true);
});
