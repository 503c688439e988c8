/**
 * Issue 13, item 2 — what each role may do, over real HTTP and a real socket. Every REST route and every `/agent`
 * event is listed once with the roles that may use it (written out here, not read from the permission table, so
 * that a wrong table fails). For each role: everything it may not use answers 403 / `forbidden` and changes
 * nothing; everything it may use works.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';

type Role = 'agent' | 'supervisor' | 'marketer' | 'admin';
const ROLES: Role[] = ['agent', 'supervisor', 'marketer', 'admin'];
const ALL = ROLES;
const CHAT: Role[] = ['agent', 'supervisor', 'admin'];
const SUPERVISE: Role[] = ['supervisor', 'admin'];
const TRIGGERS: Role[] = ['marketer', 'admin'];
const ADMIN_ONLY: Role[] = ['admin'];

let server: Running;
let admin: string;
let siteId: string;
beforeAll(async () => {
  server = await startServer({ CAUSETTE_LIMIT_REST_PER_MINUTE: '100000', CAUSETTE_LIMIT_EVENTS_PER_10S: '10000', CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR: '1000', CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE: '1000', CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '1000' });
  admin = await login(server.base);
  siteId = (await server.app.services.store.sites.byKey('demo'))!.id;
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

let n = 0;
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
async function call(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const asAdmin = async (method: string, path: string, body?: unknown) => (await call(admin, method, path, body)).body;

/** What a probe works on: made fresh for each role by the admin and a visitor. */
interface Scene {
  conversationId: string;
  visitorId: string;
  spareVisitorId: string;
  spareConversationId: string;
  triggerId: string;
  cannedId: string;
  teamId: string;
  otherAgentId: string;
  heldConversationId: string;
}

async function visitorChat(body: string): Promise<{ conversationId: string; visitorId: string; socket: Socket }> {
  const s = visitorSocket(server.base, { siteKey: 'demo' });
  await connected(s);
  const resumed = await ack(s, 'session:resume', {});
  const sent = await ack(s, 'message:send', { clientId: cid(), body });
  return { conversationId: sent.conversation.id, visitorId: resumed.visitorId ?? sent.conversation.visitorId, socket: s };
}

async function scene(): Promise<Scene> {
  const chat = await visitorChat('my order #1234 has not arrived');
  const held = await visitorChat('a chat someone else holds');
  const spare = await visitorChat('erase me');
  const other = await agentOn('agent');
  expect((await ack(other.socket, 'conversation:take', { conversationId: held.conversationId })).ok).toBe(true);
  const trigger = await asAdmin('POST', '/api/triggers', {
    siteId,
    name: `Cart help ${n++}`,
    status: 'paused',
    priority: 10,
    conditions: { match: 'all', conditions: [{ field: 'cart.total', operator: 'gt', value: 50 }] },
    variants: [{ id: 'A', weight: 100, message: { text: 'Need a hand?', senderName: 'Anna' } }],
    holdoutPercent: 0,
    frequency: { per: 'session' },
    schedule: null,
    onlyWhenAgentAvailable: false,
    delaySeconds: 0,
    openPanel: false,
  });
  const canned = await asAdmin('POST', '/api/canned', { siteId, shortcut: `ship${n++}`, body: 'We ship in 48 h.' });
  const team = await asAdmin('POST', '/api/teams', { siteId, name: `Team ${n++}`, memberIds: [] });
  return {
    conversationId: chat.conversationId,
    visitorId: chat.visitorId,
    spareVisitorId: spare.visitorId,
    spareConversationId: spare.conversationId,
    triggerId: trigger.id,
    cannedId: canned.id,
    teamId: team.id,
    otherAgentId: other.id,
    heldConversationId: held.conversationId,
  };
}

async function agentOn(role: Role): Promise<{ id: string; cookie: string; socket: Socket }> {
  const email = `${role}${n++}-${Date.now()}@example.com`;
  const created = await asAdmin('POST', '/api/agents', { email, name: `${role} ${n}`, password: 'a-long-enough-password', siteIds: [siteId], role });
  const cookie = await login(server.base, { email, password: 'a-long-enough-password' });
  return { id: created.id, cookie, socket: agentSocket(server.base, cookie) };
}

interface RestProbe {
  method: string;
  path: (s: Scene) => string;
  body?: (s: Scene) => unknown;
  roles: Role[];
}

// In the order an allowed role runs them: reading before writing, taking before closing, erasing last.
const REST: RestProbe[] = [
  { method: 'GET', path: () => '/api/auth/me', roles: ALL },
  { method: 'GET', path: () => '/api/sites', roles: ALL },
  { method: 'POST', path: () => '/api/sites', body: () => ({ name: `Shop ${n++}`, allowedOrigins: ['self'] }), roles: ADMIN_ONLY },
  { method: 'PATCH', path: () => `/api/sites/${siteId}`, body: () => ({ name: 'Demo shop' }), roles: ADMIN_ONLY },
  { method: 'GET', path: () => '/api/agents', roles: ADMIN_ONLY },
  { method: 'POST', path: () => '/api/agents', body: () => ({ email: `new${n++}@example.com`, name: 'New', password: 'a-long-enough-password', siteIds: [siteId] }), roles: ADMIN_ONLY },
  { method: 'PATCH', path: (s) => `/api/agents/${s.otherAgentId}`, body: () => ({ capacity: 4 }), roles: ADMIN_ONLY },
  { method: 'GET', path: () => `/api/team?siteId=${siteId}`, roles: CHAT },
  { method: 'GET', path: () => `/api/teams?siteId=${siteId}`, roles: ALL },
  { method: 'POST', path: () => '/api/teams', body: () => ({ siteId, name: `T${n++}`, memberIds: [] }), roles: ADMIN_ONLY },
  { method: 'PATCH', path: (s) => `/api/teams/${s.teamId}`, body: () => ({ name: `Renamed ${n++}` }), roles: ADMIN_ONLY },
  { method: 'GET', path: () => `/api/canned?siteId=${siteId}`, roles: CHAT },
  { method: 'POST', path: () => '/api/canned', body: () => ({ siteId, shortcut: `s${n++}`, body: 'Hello' }), roles: CHAT },
  { method: 'PATCH', path: (s) => `/api/canned/${s.cannedId}`, body: () => ({ body: 'We ship in 24 h.' }), roles: CHAT },
  { method: 'GET', path: () => `/api/triggers?siteId=${siteId}`, roles: ALL },
  { method: 'GET', path: (s) => `/api/triggers/${s.triggerId}/stats`, roles: ALL },
  { method: 'POST', path: () => '/api/triggers/test', body: () => ({ siteId }), roles: ALL },
  { method: 'PATCH', path: (s) => `/api/triggers/${s.triggerId}`, body: () => ({ name: 'Renamed trigger' }), roles: TRIGGERS },
  { method: 'GET', path: () => `/api/visitors?siteId=${siteId}`, roles: ALL },
  { method: 'GET', path: () => '/api/reports/csat', roles: SUPERVISE },
  { method: 'GET', path: () => '/api/conversations', roles: CHAT },
  { method: 'GET', path: (s) => `/api/conversations/${s.conversationId}`, roles: CHAT },
  { method: 'GET', path: (s) => `/api/conversations/${s.conversationId}/messages`, roles: CHAT },
  { method: 'GET', path: (s) => `/api/visitors/${s.visitorId}/context`, roles: CHAT },
  { method: 'POST', path: (s) => `/api/conversations/${s.conversationId}/take`, roles: CHAT },
  { method: 'POST', path: (s) => `/api/conversations/${s.conversationId}/messages`, body: () => ({ clientId: cid(), body: 'Hello, this is the shop.' }), roles: CHAT },
  { method: 'POST', path: (s) => `/api/conversations/${s.conversationId}/close`, roles: CHAT },
  { method: 'GET', path: (s) => `/api/visitors/${s.visitorId}/export`, roles: ADMIN_ONLY },
  { method: 'DELETE', path: (s) => `/api/canned/${s.cannedId}`, roles: CHAT },
  { method: 'DELETE', path: (s) => `/api/triggers/${s.triggerId}`, roles: TRIGGERS },
  { method: 'DELETE', path: (s) => `/api/teams/${s.teamId}`, roles: ADMIN_ONLY },
  { method: 'DELETE', path: (s) => `/api/visitors/${s.spareVisitorId}`, roles: ADMIN_ONLY },
  { method: 'GET', path: () => '/api/openapi.json', roles: ADMIN_ONLY },
];

interface SocketProbe {
  event: string;
  payload: (s: Scene, me: string) => unknown;
  roles: Role[];
}

const SOCKET: SocketProbe[] = [
  { event: 'inbox:sync', payload: () => ({}), roles: CHAT },
  { event: 'message:sync', payload: (s) => ({ conversationId: s.conversationId, afterSeq: 0 }), roles: CHAT },
  { event: 'visitor:context', payload: (s) => ({ visitorId: s.visitorId }), roles: CHAT },
  { event: 'agent:status', payload: () => ({ status: 'online' }), roles: CHAT },
  { event: 'conversation:take', payload: (s) => ({ conversationId: s.conversationId }), roles: CHAT },
  { event: 'message:send', payload: (s) => ({ conversationId: s.conversationId, clientId: cid(), body: 'On its way.' }), roles: CHAT },
  { event: 'typing:set', payload: (s) => ({ conversationId: s.conversationId, typing: true }), roles: CHAT },
  { event: 'read:mark', payload: (s) => ({ conversationId: s.conversationId, seq: 1 }), roles: CHAT },
  { event: 'message:delivered', payload: (s) => ({ conversationId: s.conversationId, seq: 1 }), roles: CHAT },
  { event: 'conversation:close', payload: (s) => ({ conversationId: s.conversationId }), roles: CHAT },
  { event: 'conversation:start', payload: (s) => ({ visitorId: s.spareVisitorId, clientId: cid(), body: 'Can I help?' }), roles: CHAT },
  // After the start above, this agent holds the spare visitor's chat and hands it to a team.
  { event: 'conversation:transfer', payload: (s) => ({ conversationId: s.spareConversationId, toTeamId: s.teamId }), roles: CHAT },
  { event: 'supervisor:overview', payload: () => ({}), roles: SUPERVISE },
  { event: 'conversation:takeover', payload: (s) => ({ conversationId: s.heldConversationId }), roles: SUPERVISE },
];

/** Everything a refused request could have changed, as the store holds it. */
async function snapshot(s: Scene): Promise<unknown> {
  const store = server.app.services.store;
  const conv = (id: string) => store.conversations.byId(id).then((c) => c && { status: c.status, assigneeId: c.assigneeId, teamId: c.teamId });
  return {
    conversation: await conv(s.conversationId),
    held: await conv(s.heldConversationId),
    messages: (await store.messages.after(s.conversationId, 0, 500, { includeNotes: true })).length,
    visitors: [!!(await store.visitors.byId(s.visitorId)), !!(await store.visitors.byId(s.spareVisitorId))],
    sites: (await store.sites.list()).map((x) => [x.id, x.name]),
    agents: (await store.agents.list()).map((a) => [a.id, a.name, a.role, a.capacity, a.disabled]),
    teams: await store.teams.list(siteId),
    canned: await store.canned.list(siteId),
    triggers: await store.triggers.list(siteId),
  };
}

const label = (p: RestProbe) => `${p.method} ${p.path({ conversationId: ':id' } as Scene).replace(/[A-Za-z0-9_-]{16,}/g, ':id')}`;

describe.each(ROLES)('a %s', (role) => {
  it('is refused every REST route its role may not use, changing nothing, and may use the others', async () => {
    const s = await scene();
    const me = await agentOn(role);
    const before = await snapshot(s);
    for (const p of REST.filter((x) => !x.roles.includes(role))) {
      const res = await call(me.cookie, p.method, p.path(s), p.body?.(s));
      expect({ probe: label(p), status: res.status, code: res.body?.error?.code }).toEqual({ probe: label(p), status: 403, code: 'forbidden' });
    }
    expect(await snapshot(s)).toEqual(before);
    for (const p of REST.filter((x) => x.roles.includes(role))) {
      const res = await call(me.cookie, p.method, p.path(s), p.body?.(s));
      expect({ probe: label(p), ok: res.status < 300 }, JSON.stringify(res.body)?.slice(0, 200)).toEqual({ probe: label(p), ok: true });
    }
  });

  it('is refused every /agent event its role may not use, changing nothing, and may use the others', async () => {
    const s = await scene();
    const me = await agentOn(role);
    const before = await snapshot(s);
    if (!CHAT.includes(role)) {
      // No screen of theirs holds chats: the console's socket does not admit them at all.
      await expect(connected(me.socket)).rejects.toThrow('forbidden');
      return;
    }
    await connected(me.socket);
    for (const p of SOCKET.filter((x) => !x.roles.includes(role))) {
      const reply = await ack(me.socket, p.event, p.payload(s, me.id));
      expect({ event: p.event, error: reply.error?.code }).toEqual({ event: p.event, error: 'forbidden' });
    }
    expect(await snapshot(s)).toEqual(before);
    for (const p of SOCKET.filter((x) => x.roles.includes(role))) {
      const reply = await ack(me.socket, p.event, p.payload(s, me.id));
      expect({ event: p.event, ok: reply.ok }, JSON.stringify(reply).slice(0, 200)).toEqual({ event: p.event, ok: true });
    }
  });
});

describe("the marketer's probes from the issue", () => {
  it('a marketer neither reads nor answers a customer chat, over REST or the agent socket', async () => {
    const s = await scene();
    const marketer = await agentOn('marketer');
    const read = await call(marketer.cookie, 'GET', `/api/conversations/${s.conversationId}/messages`);
    expect(JSON.stringify(read.body)).not.toContain('my order #1234 has not arrived');
    expect(read.status).toBe(403);
    const write = await call(marketer.cookie, 'POST', `/api/conversations/${s.conversationId}/messages`, { clientId: cid(), body: 'Hi, marketer here' });
    expect(write.status).toBe(403);
    expect((await server.app.services.store.messages.after(s.conversationId, 0, 50, { includeNotes: true })).map((m) => m.body)).not.toContain('Hi, marketer here');
    await expect(connected(marketer.socket)).rejects.toThrow('forbidden');
  });
});

describe('the permission table covers every route', () => {
  it('every /api route declares the capability it needs, or that it is public', () => {
    expect(server.app.undeclaredRoutes).toEqual([]);
  });
});
