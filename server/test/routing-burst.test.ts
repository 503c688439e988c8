/** 50 conversations arrive at once for 5 agents of capacity 3: nobody goes over, the rest wait in order. */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

it('spreads a burst of 50 chats over 5 agents of capacity 3 without going over, and queues the rest in arrival order', async () => {
  const cookie = await login(server.base);
  const headers = { 'content-type': 'application/json', cookie };
  const site = ((await (await fetch(`${server.base}/api/sites`, { headers })).json()) as { items: Array<{ id: string }> }).items[0]!;
  await fetch(`${server.base}/api/sites/${site.id}`, { method: 'PATCH', headers, body: JSON.stringify({ settings: { routing: 'auto' } }) });
  const agents = [];
  for (let i = 0; i < 5; i++) {
    const creds = { email: `burst${i}@example.com`, password: `burst-${i}-long-password` };
    await fetch(`${server.base}/api/agents`, { method: 'POST', headers, body: JSON.stringify({ ...creds, name: `Agent ${i}`, capacity: 3 }) });
    const s = agentSocket(server.base, await login(server.base, creds));
    await connected(s);
    agents.push(s);
  }
  const visitors = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const v = visitorSocket(server.base);
      await connected(v);
      await ack(v, 'session:resume', {});
      return v;
    }),
  );
  // All at once.
  const sent = await Promise.all(visitors.map((v, i) => ack(v, 'message:send', { clientId: cid(), body: `burst ${i}` })));
  expect(sent.every((r) => r.ok)).toBe(true);

  const inboxes = await Promise.all(agents.map((a) => ack(a, 'inbox:sync', {})));
  expect(inboxes.map((i) => i.mine.length)).toEqual([3, 3, 3, 3, 3]);
  const queue = inboxes[0].queue as Array<{ id: string; createdAt: number }>;
  expect(queue).toHaveLength(35);
  expect(queue.map((c) => c.createdAt)).toEqual([...queue.map((c) => c.createdAt)].sort((a, b) => a - b));
  // Each waiting visitor knows its place: 1 to 35, the order the line is served in.
  const places = await Promise.all(
    visitors.map(async (v) => (await ack(v, 'session:resume', {})).conversation as { id: string; queue: { position: number } | null }),
  );
  const waiting = places.filter((c) => c.queue !== null);
  expect(waiting.map((c) => c.queue!.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
  for (const c of waiting) expect(queue.findIndex((q) => q.id === c.id) + 1).toBe(c.queue!.position);
});
