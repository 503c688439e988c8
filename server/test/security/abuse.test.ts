/**
 * Security catalogue — items 16 and 17, abuse: every limit answers an explicit `rate_limited` (never a silent
 * drop), stores nothing it refused, and counts per visitor or per IP across processes when Redis is there.
 * The server trusts X-Forwarded-For here, so each test speaks from its own address and counts start at zero.
 */
import { randomInt } from 'node:crypto';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';
import { probe } from '../support/requirements.js';

const LIMITS = {
  TRUST_PROXY: '1',
  CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S: '5',
  CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR: '2',
  CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR: '3',
  CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE: '4',
  CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '8',
  CAUSETTE_LIMIT_SOCKETS_PER_IP: '3',
  CAUSETTE_LIMIT_REST_PER_MINUTE: '5',
};

let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer(LIMITS);
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const RATE_LIMITED = { ok: false, error: { code: 'rate_limited', message: expect.any(String), retryAfterSeconds: expect.any(Number) } };

async function visitorFrom(ip: string, base = server.base, token?: string) {
  const s = visitorSocket(base, { forwardedFor: ip, ...(token ? { token } : {}) });
  await connected(s);
  return { socket: s, resume: await ack(s, 'session:resume', {}) };
}

describe('16. rate limits with explicit errors', () => {
  it('refuses a visitor sending faster than a person types, and stores nothing it refused (message flood)', async () => {
    const { socket } = await visitorFrom(freshIp());
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push(await ack(socket, 'message:send', { clientId: `flood-${i}-${cid()}`, body: `message ${i}` }));
    expect(replies.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(replies.slice(5)).toEqual([RATE_LIMITED, RATE_LIMITED]);
    const agent = agentSocket(server.base, admin);
    await connected(agent);
    const stored = await ack(agent, 'message:sync', { conversationId: replies[0].conversation.id, afterSeq: 0 });
    expect(stored.messages.map((m: { body: string }) => m.body)).toEqual(['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
  });

  it('caps new conversations per visitor and per address (conversation spam)', async () => {
    const ip = freshIp();
    const agent = agentSocket(server.base, admin);
    await connected(agent);
    const first = await visitorFrom(ip);
    for (let i = 0; i < 2; i++) {
      const sent = await ack(first.socket, 'message:send', { clientId: cid(), body: `chat ${i}` });
      expect(sent.ok).toBe(true);
      await ack(agent, 'conversation:close', { conversationId: sent.conversation.id });
    }
    expect(await ack(first.socket, 'message:send', { clientId: cid(), body: 'chat 3' })).toEqual(RATE_LIMITED);
    // A second visitor from the same address may start one more (3 per address), a third visitor none.
    const second = await visitorFrom(ip);
    expect((await ack(second.socket, 'message:send', { clientId: cid(), body: 'from the same address' })).ok).toBe(true);
    const third = await visitorFrom(ip);
    expect(await ack(third.socket, 'message:leave', { clientId: cid(), email: 'a@b.co', body: 'hello' })).toEqual(RATE_LIMITED);
    const inbox = await ack(agent, 'inbox:sync', {});
    expect([...inbox.queue, ...inbox.pending].filter((c: { lastMessage: { body: string } | null }) => c.lastMessage?.body === 'hello')).toEqual([]);
  });

  it('caps new visitors per address but always lets a returning visitor in (session flooding)', async () => {
    const ip = freshIp();
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      const v = await visitorFrom(ip);
      tokens.push(v.resume.token);
      v.socket.disconnect();
    }
    await expect(connected(visitorSocket(server.base, { forwardedFor: ip }))).rejects.toThrow('rate_limited');
    const back = await visitorFrom(ip, server.base, tokens[0]);
    expect(back.resume.visitorId).toBeTruthy();
  });

  it('caps connection attempts per address (connection flooding)', async () => {
    const ip = freshIp();
    const { resume } = await visitorFrom(ip);
    for (let i = 1; i < 8; i++) {
      const s = visitorSocket(server.base, { forwardedFor: ip, token: resume.token });
      await connected(s);
      s.disconnect();
    }
    await expect(connected(visitorSocket(server.base, { forwardedFor: ip, token: resume.token }))).rejects.toThrow('rate_limited');
  });

  it('caps REST calls per address with a 429 and Retry-After, and never the health probes (API flooding)', async () => {
    const ip = freshIp();
    const get = (path: string) => fetch(`${server.base}${path}`, { headers: { cookie: admin, 'x-forwarded-for': ip } });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/api/sites')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await get('/api/sites');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect((await get('/api/health')).status).toBe(200);
  });
});

describe('17. many idle sockets from one address', () => {
  it('refuses sockets past the cap per address, and admits again when one closes (socket exhaustion)', async () => {
    const ip = freshIp();
    const { socket: first, resume } = await visitorFrom(ip);
    const held = [first];
    for (let i = 1; i < 3; i++) {
      const s = visitorSocket(server.base, { forwardedFor: ip, token: resume.token });
      await connected(s);
      held.push(s);
    }
    await expect(connected(visitorSocket(server.base, { forwardedFor: ip, token: resume.token }))).rejects.toThrow('rate_limited');
    // A resume link (single-use, from an email) refused at the cap is not spent: it works once a place frees.
    const sent = await ack(first, 'message:send', { clientId: cid(), body: 'Hello' });
    const { token: link } = await server.app.services.email.links.issue(resume.visitorId, sent.conversation.id);
    const withLink = () =>
      io(`${server.base}/visitor`, { transports: ['websocket'], auth: { siteKey: 'demo', resume: link }, extraHeaders: { origin: server.base, 'x-forwarded-for': ip }, reconnection: false, forceNew: true });
    const refused = withLink();
    await expect(connected(refused)).rejects.toThrow('rate_limited');
    refused.disconnect();
    // Another address is not affected.
    await visitorFrom(freshIp());
    held[0]!.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    const back = withLink();
    try {
      await connected(back);
      const resumed = await ack(back, 'session:resume', {});
      expect([resumed.visitorId, resumed.conversation?.id]).toEqual([resume.visitorId, sent.conversation.id]);
    } finally {
      back.disconnect();
    }
  });

  it('drops a socket whose client went silent, freeing its place (half-open connections)', async () => {
    const quick = await startServer({ ...LIMITS, CAUSETTE_PING_INTERVAL_MS: '150', CAUSETTE_PING_TIMEOUT_MS: '150' });
    try {
      const ip = freshIp();
      const { socket, resume } = await visitorFrom(ip, quick.base);
      for (let i = 1; i < 3; i++) await visitorFrom(ip, quick.base, resume.token);
      // The client stops writing anything (no pong), like a phone that lost its network without closing.
      (socket.io.engine as unknown as { transport: { send: () => void } }).transport.send = () => {};
      const visitors = quick.app.io.of('/visitor');
      await expect.poll(() => visitors.sockets.size, { timeout: 3000, interval: 50 }).toBe(2);
      await visitorFrom(ip, quick.base, resume.token);
    } finally {
      closeAllSockets();
      await quick.stop();
    }
  });
});

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisReady = await probe('Redis', async () => {
  const c = createClient({ url: redisUrl, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  await c.connect();
  await c.quit();
});

describe.runIf(redisReady.ok)('16. limits shared by processes through Redis', () => {
  it('counts one address across two processes (distributed flooding)', async () => {
    const env = { ...LIMITS, REDIS_URL: redisUrl, CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '4', CAUSETTE_LIMIT_SOCKETS_PER_IP: '100' };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    try {
      const ip = freshIp();
      const { resume } = await visitorFrom(ip, a.base);
      await visitorFrom(ip, b.base, resume.token);
      await visitorFrom(ip, a.base, resume.token);
      await visitorFrom(ip, b.base, resume.token);
      await expect(connected(visitorSocket(a.base, { forwardedFor: ip, token: resume.token }))).rejects.toThrow('rate_limited');
    } finally {
      closeAllSockets();
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('caps open sockets per address across processes, and frees the place when one closes (socket exhaustion)', async () => {
    const env = { ...LIMITS, REDIS_URL: redisUrl, CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '100', CAUSETTE_LIMIT_SOCKETS_PER_IP: '3' };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    try {
      const ip = freshIp();
      const first = await visitorFrom(ip, a.base);
      const token = first.resume.token;
      await visitorFrom(ip, a.base, token);
      await visitorFrom(ip, b.base, token);
      // Three open between the two processes: a fourth is refused on either.
      await expect(connected(visitorSocket(b.base, { forwardedFor: ip, token }))).rejects.toThrow('rate_limited');
      await expect(connected(visitorSocket(a.base, { forwardedFor: ip, token }))).rejects.toThrow('rate_limited');
      // One closes on A: B admits one more.
      first.socket.disconnect();
      await expect.poll(() => connected(visitorSocket(b.base, { forwardedFor: ip, token })).then(() => true, () => false), { timeout: 3000, interval: 100 }).toBe(true);
    } finally {
      closeAllSockets();
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('forgets the sockets of a process that stopped counting (its heartbeat gone)', async () => {
    const env = { ...LIMITS, REDIS_URL: redisUrl, CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '100', CAUSETTE_LIMIT_SOCKETS_PER_IP: '2' };
    const a = await startServer(env);
    const b = await startServer(env);
    try {
      const ip = freshIp();
      const { resume } = await visitorFrom(ip, a.base);
      await visitorFrom(ip, a.base, resume.token);
      await expect(connected(visitorSocket(b.base, { forwardedFor: ip, token: resume.token }))).rejects.toThrow('rate_limited');
      // A dies without closing anything: its heartbeat key is what says it is alive.
      const bus = a.app.services.bus as unknown as { processId: string };
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      await redis.del(`causette:proc:${bus.processId}`);
      await redis.quit();
      await visitorFrom(ip, b.base, resume.token);
    } finally {
      closeAllSockets();
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
if (!redisReady.ok) describe('16. limits shared through Redis', () => it.skip(redisReady.reason, () => {}));
