/**
 * The two namespaces over real sockets on loopback, against a real server with its own SQLite file.
 */
import type { Message } from '@causette/shared';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  cookie = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

async function newVisitor(token?: string) {
  const s = visitorSocket(server.base, token ? { token } : {});
  await connected(s);
  const resume = await ack(s, 'session:resume', {});
  expect(resume.ok).toBe(true);
  return { socket: s, token: resume.token as string, visitorId: resume.visitorId as string };
}
async function newAgent() {
  const s = agentSocket(server.base, cookie);
  await connected(s);
  return s;
}
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

describe('visitor handshake', () => {
  it('refuses a page from an origin the site does not allow', async () => {
    const s = visitorSocket(server.base, { origin: 'https://evil.example' });
    await expect(connected(s)).rejects.toThrow('origin_not_allowed');
  });

  it('refuses a handshake without an Origin header', async () => {
    const s = visitorSocket(server.base, { origin: null });
    await expect(connected(s)).rejects.toThrow('origin_not_allowed');
  });

  it('refuses an unknown site key', async () => {
    const s = visitorSocket(server.base, { siteKey: 'no-such-site' });
    await expect(connected(s)).rejects.toThrow('not_found');
  });

  it('resumes the same visitor from its token, and a forged token gets a new visitor', async () => {
    const first = await newVisitor();
    const again = await newVisitor(first.token);
    expect(again.visitorId).toBe(first.visitorId);
    const forged = first.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const stranger = await newVisitor(forged);
    expect(stranger.visitorId).not.toBe(first.visitorId);
  });
});

describe('delivery rule', () => {
  it('acks a stored seq, dedupes a resend, and the agent sees the message once', async () => {
    const agent = await newAgent();
    const v = await newVisitor();
    const seen: Message[] = [];
    agent.on('message:new', (m: Message) => seen.push(m));
    const clientId = cid();
    const first = await ack(v.socket, 'message:send', { clientId, body: 'Do you ship to Lyon?' });
    expect(first).toMatchObject({ ok: true, seq: 1, duplicate: false, conversation: { status: 'open', agent: null } });
    const resend = await ack(v.socket, 'message:send', { clientId, body: 'Do you ship to Lyon?', conversationId: first.conversation.id });
    expect(resend).toMatchObject({ ok: true, seq: 1, duplicate: true });
    const next = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Second' });
    expect(next.seq).toBe(2);
    await nextEvent(agent, 'conversation:update', (c: { lastSeq: number; id: string }) => c.id === first.conversation.id && c.lastSeq === 2);
    expect(seen.filter((m) => m.conversationId === first.conversation.id).map((m) => m.body)).toEqual(['Do you ship to Lyon?', 'Second']);
  });

  it('catches up after a reconnect with everything after the last seq, in order', async () => {
    const v = await newVisitor();
    const agent = await newAgent();
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'hello' });
    const conversationId = sent.conversation.id;
    await ack(agent, 'conversation:take', { conversationId });
    v.socket.disconnect();
    for (const body of ['one', 'two', 'three']) {
      expect((await ack(agent, 'message:send', { conversationId, clientId: cid(), body })).ok).toBe(true);
    }
    const back = visitorSocket(server.base, { token: v.token });
    await connected(back);
    const resume = await ack(back, 'session:resume', { conversationId, afterSeq: 1 });
    expect(resume.messages.map((m: Message) => [m.seq, m.body, m.author])).toEqual([
      [2, 'one', 'agent'],
      [3, 'two', 'agent'],
      [4, 'three', 'agent'],
    ]);
    expect(resume.conversation.agent).toMatchObject({ name: 'Admin' });
  });

  it('delivers every event to all tabs of one visitor', async () => {
    const tab1 = await newVisitor();
    const tab2 = await newVisitor(tab1.token);
    const onTab2 = nextEvent<Message>(tab2.socket, 'message:new', (m) => m.body === 'from tab 1');
    await ack(tab1.socket, 'message:send', { clientId: cid(), body: 'from tab 1' });
    expect((await onTab2).author).toBe('visitor');
  });
});

describe('agent side', () => {
  it('refuses a socket without a valid session cookie', async () => {
    await expect(connected(agentSocket(server.base, null))).rejects.toThrow('unauthenticated');
    await expect(connected(agentSocket(server.base, 'causette_session=forged'))).rejects.toThrow('unauthenticated');
  });

  it('takes a chat from the queue, replies, and the visitor sees reply, agent name and typing', async () => {
    const v = await newVisitor();
    const agent = await newAgent();
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Is the tote waterproof?' });
    const conversationId = sent.conversation.id;
    const inbox = await ack(agent, 'inbox:sync', {});
    expect(inbox.queue.map((c: { id: string }) => c.id)).toContain(conversationId);

    const assigned = nextEvent<{ agent: { name: string } | null }>(v.socket, 'conversation:update', (c) => c.agent !== null);
    const taken = await ack(agent, 'conversation:take', { conversationId });
    expect(taken.conversation).toMatchObject({ assigneeName: 'Admin', status: 'open' });
    expect((await assigned).agent!.name).toBe('Admin');

    const typing = nextEvent<{ typing: boolean; name: string }>(v.socket, 'typing:update');
    await ack(agent, 'typing:set', { conversationId, typing: true });
    expect(await typing).toMatchObject({ typing: true, name: 'Admin' });

    const reply = nextEvent<Message>(v.socket, 'message:new', (m) => m.author === 'agent');
    await ack(agent, 'message:send', { conversationId, clientId: cid(), body: 'Yes, fully.' });
    expect(await reply).toMatchObject({ body: 'Yes, fully.', authorName: 'Admin', seq: 2 });

    const afterTake = await ack(agent, 'inbox:sync', {});
    expect(afterTake.mine.map((c: { id: string }) => c.id)).toContain(conversationId);
    expect(afterTake.queue.map((c: { id: string }) => c.id)).not.toContain(conversationId);
  });

  it('never sends an internal note to the visitor', async () => {
    const v = await newVisitor();
    const agent = await newAgent();
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'hi' });
    const conversationId = sent.conversation.id;
    const received: Message[] = [];
    v.socket.on('message:new', (m: Message) => received.push(m));
    const welcome = nextEvent(v.socket, 'message:new', (m: Message) => m.body === 'Welcome!');
    await ack(agent, 'message:send', { conversationId, clientId: cid(), body: 'VIP customer', kind: 'note' });
    await ack(agent, 'message:send', { conversationId, clientId: cid(), body: 'Welcome!' });
    await welcome;
    expect(received.map((m) => m.body)).toEqual(['Welcome!']);
    const history = await ack(v.socket, 'message:sync', { conversationId, afterSeq: 0 });
    expect(history.messages.map((m: Message) => m.body)).toEqual(['hi', 'Welcome!']);
  });

  it('a second agent cannot take a chat already taken', async () => {
    const res = await fetch(`${server.base}/api/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: 'bea@example.com', name: 'Bea', password: 'another-long-password' }),
    });
    expect(res.status).toBe(201);
    const beaCookie = await login(server.base, { email: 'bea@example.com', password: 'another-long-password' });
    const bea = agentSocket(server.base, beaCookie);
    await connected(bea);
    const admin = await newAgent();
    const v = await newVisitor();
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'anyone?' });
    const conversationId = sent.conversation.id;
    const results = await Promise.all([ack(admin, 'conversation:take', { conversationId }), ack(bea, 'conversation:take', { conversationId })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok).error.code).toBe('conflict');
  });

  it('shows the visitor live context: page, journey and cart', async () => {
    const v = await newVisitor();
    const agent = await newAgent();
    await ack(v.socket, 'page:view', { url: `${server.base}/demo/`, title: 'Home', referrer: '' });
    const cartUpdate = nextEvent<{ visitorId: string; cart: { total: number } | null }>(agent, 'visitor:update', (c) => c.visitorId === v.visitorId && c.cart !== null);
    await ack(v.socket, 'cart:update', { items: [{ sku: 'tote', name: 'Tote bag', price: 29, qty: 2 }], total: 58, currency: 'EUR' });
    expect((await cartUpdate).cart!.total).toBe(58);
    await ack(v.socket, 'page:view', { url: `${server.base}/demo/cart.html`, title: 'Cart', referrer: `${server.base}/demo/` });
    const ctx = await ack(agent, 'visitor:context', { visitorId: v.visitorId });
    expect(ctx.context).toMatchObject({ online: true, currentPage: { path: '/demo/cart.html', title: 'Cart' }, cart: { items: [{ sku: 'tote', qty: 2 }] } });
    expect(ctx.context.journey.map((p: { path: string }) => p.path)).toEqual(['/demo/', '/demo/cart.html']);
  });

  it('ends the agent socket at once on logout, and refuses later events', async () => {
    const own = await login(server.base);
    const s = agentSocket(server.base, own);
    await connected(s);
    const ended = nextEvent<{ reason: string }>(s, 'session:end');
    const gone = new Promise<void>((resolve) => s.once('disconnect', () => resolve()));
    const res = await fetch(`${server.base}/api/auth/logout`, { method: 'POST', headers: { cookie: own } });
    expect(res.status).toBe(204);
    expect((await ended).reason).toBe('logged_out');
    await gone;
    await expect(connected(agentSocket(server.base, own))).rejects.toThrow('unauthenticated');
  });
});

describe('bad input', () => {
  it('answers a clear validation error and stores nothing', async () => {
    const v = await newVisitor();
    const bad = [
      { clientId: cid(), body: '' },
      { clientId: cid(), body: { $ne: null } },
      { clientId: cid(), body: 'x'.repeat(5001) },
      { clientId: cid(), body: 'ok', extra: true },
      JSON.parse(`{"clientId":"${cid()}","body":"ok","__proto__":{"admin":true}}`),
      { clientId: 'short', body: 'ok' },
    ];
    for (const payload of bad) {
      const r = await ack(v.socket, 'message:send', payload);
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const none = await ack(v.socket, 'message:send');
    expect(none.error.code).toBe('bad_request');
    const state = await ack(v.socket, 'session:resume', {});
    expect(state.conversation).toBeNull();
  });

  it("answers not_found for another visitor's conversation, leaking nothing", async () => {
    const owner = await newVisitor();
    const sent = await ack(owner.socket, 'message:send', { clientId: cid(), body: 'my secret order' });
    const intruder = await newVisitor();
    for (const [event, payload] of [
      ['message:sync', { conversationId: sent.conversation.id, afterSeq: 0 }],
      ['read:mark', { conversationId: sent.conversation.id, seq: 1 }],
      ['typing:set', { conversationId: sent.conversation.id, typing: true }],
    ] as const) {
      const r = await ack(intruder.socket, event, payload);
      expect(r).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } });
    }
    const r = await ack(intruder.socket, 'message:send', { clientId: sent.message.clientId, body: 'x', conversationId: sent.conversation.id });
    expect(r.duplicate).toBe(false);
    expect(r.conversation.id).not.toBe(sent.conversation.id);
  });

  it('rate-limits a flood of events per visitor', async () => {
    const v = await newVisitor();
    const replies = await Promise.all(Array.from({ length: 130 }, () => ack(v.socket, 'event:track', { name: 'flood' })));
    expect(replies.filter((r) => !r.ok && r.error.code === 'rate_limited').length).toBeGreaterThan(0);
    expect(v.socket.connected).toBe(true);
  });
});

describe('connection-state recovery', () => {
  it('lets a visitor whose connection dropped come back (the client adds pid/offset to the handshake)', async () => {
    const first = await newVisitor();
    // What socket.io-client sends when it retries after a dropped transport.
    const again = io(`${server.base}/visitor`, {
      transports: ['websocket'],
      auth: { siteKey: 'demo', token: first.token, pid: 'some-private-session-id', offset: '1700000000000-0' },
      extraHeaders: { origin: server.base },
      reconnection: false,
      forceNew: true,
    });
    try {
      await connected(again);
      expect((await ack(again, 'session:resume', {})).visitorId).toBe(first.visitorId);
    } finally {
      again.disconnect();
    }
  });
});

describe('transfer and agent-initiated chat', () => {
  it('hands a chat to another agent with an internal note: the new agent has the whole history, the visitor sees only who joined', async () => {
    await fetch(`${server.base}/api/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: 'dora@example.com', name: 'Dora', password: 'dora-long-password' }),
    });
    const doraCookie = await login(server.base, { email: 'dora@example.com', password: 'dora-long-password' });
    const dora = agentSocket(server.base, doraCookie);
    await connected(dora);
    const admin = await newAgent();
    const v = await newVisitor();
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'My order #1234 has not arrived' });
    const conversationId = sent.conversation.id;
    await ack(admin, 'conversation:take', { conversationId });
    await ack(admin, 'message:send', { conversationId, clientId: cid(), body: 'Let me check.' });
    const siteId = (await ack(admin, 'inbox:sync', {})).mine.find((c: { id: string }) => c.id === conversationId).siteId;
    const team = (await (await fetch(`${server.base}/api/team?siteId=${siteId}`, { headers: { cookie } })).json()) as {
      items: Array<{ id: string; name: string; online: boolean; active: number }>;
    };
    const doraId = team.items.find((m) => m.name === 'Dora')!.id;
    expect(team.items.find((m) => m.name === 'Dora')!.online).toBe(true);

    const visitorSaw: Message[] = [];
    v.socket.on('message:new', (m: Message) => visitorSaw.push(m));
    const newAgentCard = nextEvent<{ agent: { name: string } | null }>(v.socket, 'conversation:update', (c) => c.agent?.name === 'Dora');
    const r = await ack(admin, 'conversation:transfer', { conversationId, toAgentId: doraId, note: 'VIP, refund approved' });
    expect(r.conversation).toMatchObject({ assigneeId: doraId, assigneeName: 'Dora' });
    await newAgentCard;

    const inbox = await ack(dora, 'inbox:sync', {});
    expect(inbox.mine.map((c: { id: string }) => c.id)).toContain(conversationId);
    const history = await ack(dora, 'message:sync', { conversationId, afterSeq: 0 });
    expect(history.messages.map((m: Message) => [m.kind, m.body])).toEqual([
      ['text', 'My order #1234 has not arrived'],
      ['text', 'Let me check.'],
      ['note', 'Transferred to Dora: VIP, refund approved'],
      ['event', 'Dora joined the chat'],
    ]);
    const visitorHistory = await ack(v.socket, 'message:sync', { conversationId, afterSeq: 0 });
    expect(visitorHistory.messages.map((m: Message) => m.body)).not.toContain('Transferred to Dora: VIP, refund approved');
    expect(visitorSaw.map((m) => m.body)).toEqual(['Dora joined the chat']);
  });

  it('refuses to start a chat with a visitor who is already chatting with a colleague, and sends nothing', async () => {
    const v = await newVisitor();
    const admin = await newAgent();
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Hi' });
    await ack(admin, 'conversation:take', { conversationId: sent.conversation.id });
    await fetch(`${server.base}/api/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: 'elsa@example.com', name: 'Elsa', password: 'elsa-long-password' }),
    });
    const elsa = agentSocket(server.base, await login(server.base, { email: 'elsa@example.com', password: 'elsa-long-password' }));
    await connected(elsa);
    const r = await ack(elsa, 'conversation:start', { visitorId: v.visitorId, clientId: cid(), body: 'Hello from Elsa' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This visitor is already chatting with Admin.' } });
    const history = await ack(v.socket, 'message:sync', { conversationId: sent.conversation.id, afterSeq: 0 });
    expect(history.messages.map((m: Message) => m.body)).toEqual(['Hi']);
  });

  it('lets an agent start a chat with a visitor browsing the site', async () => {
    const v = await newVisitor();
    const admin = await newAgent();
    const arrives = nextEvent<Message>(v.socket, 'message:new', (m) => m.author === 'agent');
    const r = await ack(admin, 'conversation:start', { visitorId: v.visitorId, clientId: cid(), body: 'Hello! Can I help you find a size?' });
    expect(r.conversation).toMatchObject({ assigneeName: 'Admin', status: 'open', visitorId: v.visitorId });
    expect((await arrives).body).toBe('Hello! Can I help you find a size?');
    const state = await ack(v.socket, 'session:resume', {});
    expect(state.conversation).toMatchObject({ id: r.conversation.id, agent: { name: 'Admin' } });
  });
});
