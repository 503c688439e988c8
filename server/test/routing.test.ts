/** Auto-assignment over real sockets: capacity, explanation in the timeline, the queue moving when a chat closes. */
import type { Message } from '@causette/shared';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
let cookie: string;
beforeAll(async () => {
  server = await startServer({ CAUSETTE_REQUEUE_GRACE_MS: '400' });
  cookie = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const json = (method: string, body: unknown, c = cookie) => ({ method, headers: { 'content-type': 'application/json', cookie: c }, body: JSON.stringify(body) });

it('gives each new chat to an agent with a free slot, explains why, queues the rest, and routes it when a chat closes', async () => {
  const site = ((await (await fetch(`${server.base}/api/sites`, { headers: { cookie } })).json()) as { items: Array<{ id: string }> }).items[0]!;
  expect((await fetch(`${server.base}/api/sites/${site.id}`, json('PATCH', { settings: { routing: 'auto' } }))).status).toBe(200);
  // Two agents of capacity 1; the admin does not take chats here (capacity 1 too, but not connected).
  for (const name of ['Ana', 'Bo']) {
    const res = await fetch(`${server.base}/api/agents`, json('POST', { email: `${name.toLowerCase()}@example.com`, name, password: `${name}-long-password`, capacity: 1 }));
    expect(res.status).toBe(201);
  }
  const ana = agentSocket(server.base, await login(server.base, { email: 'ana@example.com', password: 'Ana-long-password' }));
  const bo = agentSocket(server.base, await login(server.base, { email: 'bo@example.com', password: 'Bo-long-password' }));
  await Promise.all([connected(ana), connected(bo)]);

  const conversations: string[] = [];
  for (let i = 0; i < 3; i++) {
    const v = visitorSocket(server.base);
    await connected(v);
    await ack(v, 'session:resume', {});
    conversations.push((await ack(v, 'message:send', { clientId: cid(), body: `visitor ${i}` })).conversation.id);
  }
  const [anaInbox, boInbox] = await Promise.all([ack(ana, 'inbox:sync', {}), ack(bo, 'inbox:sync', {})]);
  expect(anaInbox.mine).toHaveLength(1);
  expect(boInbox.mine).toHaveLength(1);
  expect(new Set([anaInbox.mine[0].id, boInbox.mine[0].id])).toEqual(new Set(conversations.slice(0, 2)));
  expect(anaInbox.queue.map((c: { id: string }) => c.id)).toEqual([conversations[2]]);

  const timeline = await ack(ana, 'message:sync', { conversationId: anaInbox.mine[0].id, afterSeq: 0 });
  expect(timeline.messages.map((m: Message) => [m.kind, m.body])).toEqual([
    ['text', expect.stringMatching(/^visitor \d$/)],
    ['note', 'Assigned to Ana: most free slots (1 of 1)' + (timeline.messages[1].body.endsWith('idle the longest') ? ', idle the longest' : '')],
  ]);

  // Ana closes her chat: her slot goes to the waiting visitor at once.
  const routed = nextEvent<{ id: string; assigneeName: string | null }>(ana, 'conversation:update', (c) => c.id === conversations[2] && c.assigneeName === 'Ana');
  await ack(ana, 'conversation:close', { conversationId: anaInbox.mine[0].id });
  await routed;
  const after = await ack(ana, 'inbox:sync', {});
  expect(after.mine.map((c: { id: string }) => c.id)).toEqual([conversations[2]]);
  expect(after.queue).toEqual([]);
});

it('tells a waiting visitor their place in line and an estimate, and updates it live as the line moves', async () => {
  // From the test above: Ana and Bo (capacity 1) each hold one open chat, and nobody waits.
  const ana = agentSocket(server.base, await login(server.base, { email: 'ana@example.com', password: 'Ana-long-password' }));
  const bo = agentSocket(server.base, await login(server.base, { email: 'bo@example.com', password: 'Bo-long-password' }));
  await Promise.all([connected(ana), connected(bo)]);
  const waiting = [];
  for (let i = 0; i < 2; i++) {
    const v = visitorSocket(server.base);
    await connected(v);
    await ack(v, 'session:resume', {});
    waiting.push({ socket: v, sent: await ack(v, 'message:send', { clientId: cid(), body: `waiting ${i}` }) });
  }
  expect(waiting.map((w) => w.sent.conversation.queue?.position)).toEqual([1, 2]);
  expect(waiting[1]!.sent.conversation.queue.waitSeconds).toBeGreaterThan(0);

  // Ana finishes her chat: the first in line goes to her, and the second is told they are next.
  const movedUp = nextEvent<{ queue: { position: number } | null }>(waiting[1]!.socket, 'conversation:update', (c) => c.queue?.position === 1);
  const served = nextEvent<{ agent: { name: string } | null; queue: unknown }>(waiting[0]!.socket, 'conversation:update', (c) => c.agent?.name === 'Ana');
  const anaChat = (await ack(ana, 'inbox:sync', {})).mine[0].id;
  await ack(ana, 'conversation:close', { conversationId: anaChat });
  expect((await served).queue).toBeNull();
  await movedUp;
});

it('returns the chats of an agent who went away for good to the queue, and routes them to someone present', async () => {
  // Ana holds one chat (from the test above). Cy arrives with room; Ana leaves and does not come back.
  const ana = agentSocket(server.base, await login(server.base, { email: 'ana@example.com', password: 'Ana-long-password' }));
  await connected(ana);
  const anaChat = (await ack(ana, 'inbox:sync', {})).mine[0].id as string;
  const created = await fetch(`${server.base}/api/agents`, json('POST', { email: 'cy@example.com', name: 'Cy', password: 'Cy-long-password', capacity: 3 }));
  expect(created.status).toBe(201);
  const cy = agentSocket(server.base, await login(server.base, { email: 'cy@example.com', password: 'Cy-long-password' }));
  await connected(cy);
  const toCy = nextEvent<{ id: string; assigneeName: string | null }>(cy, 'conversation:update', (c) => c.id === anaChat && c.assigneeName === 'Cy', 5000);
  ana.disconnect();
  await toCy;
  const timeline = await ack(cy, 'message:sync', { conversationId: anaChat, afterSeq: 0 });
  const notes = timeline.messages.filter((m: Message) => m.kind === 'note').map((m: Message) => m.body);
  expect(notes).toContain('Back in the queue: Ana went offline');
  expect(notes.at(-1)).toMatch(/^Assigned to Cy: /);
});

it('takes no new chats while away, and takes waiting ones on coming back online', async () => {
  // Everyone else from the tests above is gone or full by now; Dee has plenty of room but sets herself away.
  const created = await fetch(`${server.base}/api/agents`, json('POST', { email: 'dee@example.com', name: 'Dee', password: 'Dee-long-password', capacity: 20 }));
  expect(created.status).toBe(201);
  const dee = agentSocket(server.base, await login(server.base, { email: 'dee@example.com', password: 'Dee-long-password' }));
  await connected(dee);
  expect((await ack(dee, 'agent:status', { status: 'away' })).status).toBe('away');
  const cy = agentSocket(server.base, await login(server.base, { email: 'cy@example.com', password: 'Cy-long-password' }));
  await connected(cy);
  await ack(cy, 'agent:status', { status: 'away' });
  const v = visitorSocket(server.base);
  await connected(v);
  await ack(v, 'session:resume', {});
  const sent = await ack(v, 'message:send', { clientId: cid(), body: 'anyone?' });
  expect(sent.conversation.agent).toBeNull();
  expect(sent.conversation.queue.position).toBeGreaterThanOrEqual(1);
  const served = nextEvent<{ agent: { name: string } | null }>(v, 'conversation:update', (c) => c.agent?.name === 'Dee');
  await ack(dee, 'agent:status', { status: 'online' });
  await served;
});
