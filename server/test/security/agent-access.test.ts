/**
 * Security catalogue — item 4: an agent reaches only the conversations of their sites, and of a team only when
 * they are in it (or hold the chat, or supervise). Refusals look like a missing conversation, and nothing about
 * such a chat is pushed to their console.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from '../support/harness.js';

let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

let n = 0;
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const post = async (path: string, body: unknown, method = 'POST') =>
  (await fetch(`${server.base}${path}`, { method, headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<any>;

async function agentOn(siteIds: string[], role = 'agent'): Promise<{ id: string; socket: Socket; cookie: string }> {
  const email = `agent${n++}-${Date.now()}@example.com`;
  const created = await post('/api/agents', { email, name: `Agent ${n}`, password: 'agent-long-password', siteIds, role });
  const cookie = await login(server.base, { email, password: 'agent-long-password' });
  const socket = agentSocket(server.base, cookie);
  await connected(socket);
  return { id: created.id, socket, cookie };
}

async function visitorOn(siteKey: string) {
  const s = visitorSocket(server.base, { siteKey });
  await connected(s);
  await ack(s, 'session:resume', {});
  return s;
}

/** Collects every event pushed to a socket about one conversation. */
function watch(socket: Socket, conversationId: string): string[] {
  const seen: string[] = [];
  socket.onAny((event, payload: { id?: string; conversationId?: string }) => {
    if (payload?.id === conversationId || payload?.conversationId === conversationId) seen.push(event);
  });
  return seen;
}

describe('4. agents and conversations of other sites and teams', () => {
  it('refuses a conversation of a site the agent does not work on, over sockets and REST (cross-tenant access)', async () => {
    const other = await post('/api/sites', { name: `Other ${Date.now()}`, allowedOrigins: ['self'] });
    const demo = (await server.app.services.store.sites.byKey('demo'))!;
    const stranger = await agentOn([other.id]);
    const v = await visitorOn('demo');
    const { conversation } = await ack(v, 'message:send', { clientId: cid(), body: 'private order details' });
    const seen = watch(stranger.socket, conversation.id);
    for (const [event, payload] of [
      ['message:sync', { conversationId: conversation.id, afterSeq: 0 }],
      ['conversation:take', { conversationId: conversation.id }],
      ['message:send', { conversationId: conversation.id, clientId: cid(), body: 'hi' }],
      ['conversation:close', { conversationId: conversation.id }],
    ] as const) {
      expect((await ack(stranger.socket, event, payload)).error, event).toEqual({ code: 'not_found', message: 'No such conversation.' });
    }
    expect((await fetch(`${server.base}/api/conversations/${conversation.id}`, { headers: { cookie: stranger.cookie } })).status).toBe(404);
    expect((await ack(stranger.socket, 'inbox:sync', {})).queue).toEqual([]);
    await ack(v, 'message:send', { clientId: cid(), body: 'more private details' });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([]);
    expect(demo.id).not.toBe(other.id);
  });

  it("keeps a team's chat from agents outside the team, live included, and lets a new member in at once (cross-team access)", async () => {
    const site = (await server.app.services.store.sites.byKey('demo'))!;
    const [member, outsider, supervisor] = [await agentOn([site.id]), await agentOn([site.id]), await agentOn([site.id], 'supervisor')];
    const sales = await post('/api/teams', { siteId: site.id, name: `Sales ${Date.now()}`, memberIds: [member.id] });
    const v = await visitorOn('demo');
    const toMember = nextEvent<{ id: string }>(member.socket, 'conversation:update', (c) => c.id !== undefined);
    const { conversation } = await ack(v, 'message:send', { clientId: cid(), body: 'a quote for 40 chairs', teamId: sales.id });
    expect((await toMember).id).toBe(conversation.id);
    const outsiderSaw = watch(outsider.socket, conversation.id);
    const supervisorSaw = watch(supervisor.socket, conversation.id);

    await ack(v, 'message:send', { clientId: cid(), body: 'with delivery to Lyon' });
    await new Promise((r) => setTimeout(r, 200));
    expect(outsiderSaw).toEqual([]);
    expect(supervisorSaw).toContain('message:new');
    expect((await ack(outsider.socket, 'inbox:sync', {})).queue.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
    expect((await ack(member.socket, 'inbox:sync', {})).queue.map((c: { id: string }) => c.id)).toContain(conversation.id);
    expect((await ack(outsider.socket, 'message:sync', { conversationId: conversation.id, afterSeq: 0 })).error.code).toBe('not_found');
    expect((await ack(outsider.socket, 'conversation:take', { conversationId: conversation.id })).error.code).toBe('not_found');
    expect((await fetch(`${server.base}/api/conversations/${conversation.id}`, { headers: { cookie: outsider.cookie } })).status).toBe(404);
    expect((await fetch(`${server.base}/api/conversations/${conversation.id}`, { headers: { cookie: member.cookie } })).status).toBe(200);

    // Added to the team, the open console receives the team's chat live, without reconnecting.
    await post(`/api/teams/${sales.id}`, { memberIds: [member.id, outsider.id] }, 'PATCH');
    const live = nextEvent<{ body: string }>(outsider.socket, 'message:new', (m) => m.body === 'are you there?');
    await ack(v, 'message:send', { clientId: cid(), body: 'are you there?' });
    await live;
    expect((await ack(outsider.socket, 'message:sync', { conversationId: conversation.id, afterSeq: 0 })).ok).toBe(true);
  });
});
