/**
 * Delivery under faults, across three server processes on PostgreSQL + Redis behind a round-robin balancer.
 * While visitors and agents exchange messages: a process is SIGKILLed, connections are cut after the server
 * committed but before the ack arrived, Redis restarts, and a visitor stays away longer than the recovery
 * window. The checker then asserts, per conversation, that every acked message is stored once and seen once
 * by every participant, in the same order, with no gap in seq.
 */
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Balancer, startRedis, startServerProcess, type ServerProcess } from '../support/cluster.js';
import { SimAgent, SimVisitor, type SendRecord } from '../support/participants.js';
import { PG_URL, probe } from '../support/requirements.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };
const VISITORS = 6;
const TRAFFIC_MS = 9_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pgReady = await probe('PostgreSQL', async () => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await c.connect();
  await c.end();
});
const redisReady = pgReady.ok ? await probe('redis-server binary', () => access('/usr/bin/redis-server')) : pgReady;

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(50);
  }
  return cond();
}

describe.runIf(pgReady.ok && redisReady.ok)('delivery under faults (3 processes, PostgreSQL + Redis)', () => {
  const schema = `causette_fault_${randomBytes(5).toString('hex')}`;
  const dbUrl = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`; // for the checker's own queries
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const servers: ServerProcess[] = [];
  const balancer = new Balancer(() => servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => s.port));
  let base: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    redis = await startRedis();
    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redis.url,
      CAUSETTE_ADMIN_EMAIL: ADMIN.email,
      CAUSETTE_ADMIN_PASSWORD: ADMIN.password,
      CAUSETTE_RECOVERY_WINDOW_MS: '1500',
      // Participants send far faster than people: this suite is about faults, not abuse limits.
      CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S: '100000',
      CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '100000',
    };
    // The first process runs the migrations and the first start; the others find them done.
    servers.push(await startServerProcess(env));
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    await balancer.start();
    base = `http://127.0.0.1:${balancer.port}`;
  }, 120_000);

  afterAll(async () => {
    await balancer.stop();
    await Promise.all(servers.map((s) => s.kill()));
    await redis?.stop();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }, 60_000);

  it('loses nothing acked, stores nothing twice, and every participant converges on one order', async () => {
    const cookieOf = async (creds: { email: string; password: string }) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const adminCookie = await cookieOf(ADMIN);
    const second = { email: 'bea@example.com', password: 'bea-long-password' };
    const created = await fetch(`${base}/api/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({ ...second, name: 'Bea' }),
    });
    expect(created.status).toBe(201);
    const agents = [new SimAgent('anna', base, adminCookie), new SimAgent('bea', base, await cookieOf(second))];
    const visitors = Array.from({ length: VISITORS }, (_, i) => new SimVisitor(`v${i}`, base));
    const everyone = [...agents, ...visitors];
    expect(await until(() => everyone.every((p) => p.socket.connected), 15_000)).toBe(true);

    // Each visitor opens a chat; agents split them.
    for (const v of visitors) v.send(null, `${v.name}: hello`);
    expect(await until(() => visitors.every((v) => v.conversationId !== null), 15_000)).toBe(true);
    for (const [i, v] of visitors.entries()) expect(await agents[i % 2]!.take(v.conversationId!)).toBe(true);

    // Traffic: visitors and agents write continuously while the faults happen.
    let running = true;
    const traffic = (async () => {
      let n = 0;
      while (running) {
        for (const v of visitors) v.send(v.conversationId, `${v.name} #${n}`);
        if (n % 2 === 0) for (const a of agents) for (const id of a.mine) a.send(id, `${a.name} → ${id.slice(0, 4)} #${n}`);
        n++;
        await sleep(200);
      }
    })();

    const faults: string[] = [];
    await sleep(1500);
    // 1. A process dies mid-stream; its clients reconnect through the balancer to another.
    await servers[0]!.kill('SIGKILL');
    faults.push('SIGKILL one process');
    await sleep(1500);

    // 2. The server commits, the ack is lost on the wire, the connection drops; the client retries.
    const victim = visitors[1]!;
    const victimLinks = [...balancer.links].filter((l) => l.client.remotePort === (victim.socket.io.engine as unknown as { transport: { ws?: { _socket?: { localPort?: number } } } }).transport.ws?._socket?.localPort);
    const blackholed = victimLinks.length ? victimLinks : [...balancer.links].slice(0, 3);
    const cut = balancer.blackholeThenCut(blackholed, 600);
    const probeSend: SendRecord = victim.send(victim.conversationId, `${victim.name}: sent into the void`);
    await cut;
    faults.push(`cut ${blackholed.length} connection(s) after commit, before ack`);
    await sleep(1500);

    // 3. Redis restarts empty (nothing durable may depend on it).
    const redisPort = redis.port;
    await redis.stop();
    await sleep(500);
    redis = await startRedis(redisPort);
    faults.push('restart Redis');
    await sleep(1500);

    // 4. A visitor stays away longer than the recovery window: recovery fails, it catches up from the store.
    const away = visitors[2]!;
    away.socket.disconnect();
    await sleep(2500);
    const recoveredBefore = away.recoveredConnects;
    away.socket.connect();
    faults.push('visitor away past the recovery window');
    await sleep(Math.max(0, TRAFFIC_MS - 7000));

    running = false;
    await traffic;

    // Drain: every outbox empties (retries with the same clientId), then everyone catches up.
    const drained = await until(() => everyone.every((p) => p.socket.connected && p.outbox.size === 0), 30_000);
    expect(drained, everyone.map((p) => p.describe()).join('\n')).toBe(true);
    await sleep(500);
    for (const v of visitors) await v.catchUp(v.conversationId!);
    for (const a of agents) for (const id of a.mine) await a.catchUp(id);
    expect(away.recoveredConnects).toBe(recoveredBefore);

    // The checker.
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const stored = new Map<string, Array<{ seq: number; client_id: string }>>();
    for (const v of visitors) {
      const { rows } = await db.query('SELECT seq, client_id FROM messages WHERE conversation_id = $1 ORDER BY seq', [v.conversationId]);
      stored.set(v.conversationId!, rows);
    }
    await db.end();

    const sends = everyone.flatMap((p) => p.sends);
    let lost = 0;
    let duplicated = 0;
    let gaps = 0;
    let orderMismatch = 0;
    for (const [conversationId, rows] of stored) {
      rows.forEach((r, i) => (gaps += r.seq === i + 1 ? 0 : 1));
      const ids = rows.map((r) => r.client_id);
      duplicated += ids.length - new Set(ids).size;
      const participants = [visitors.find((v) => v.conversationId === conversationId)!, agents.find((a) => a.mine.has(conversationId))!];
      for (const p of participants) {
        const view = [...(p.views.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
        const seen = view.map((m) => m.clientId);
        duplicated += seen.length - new Set(seen).size;
        if (seen.join() !== ids.join()) orderMismatch++;
      }
      for (const s of sends.filter((s) => s.acked && s.conversationId === conversationId)) {
        const copies = ids.filter((id) => id === s.clientId).length;
        if (copies === 0) lost++;
        for (const p of participants) if (![...(p.views.get(conversationId)?.values() ?? [])].some((m) => m.clientId === s.clientId)) lost++;
      }
    }
    const acked = sends.filter((s) => s.acked).length;
    const unknown = sends.filter((s) => s.timedOut).length;
    const recovered = sends.filter((s) => s.timedOut && s.acked).length;
    const storedBeforeAck = sends.filter((s) => s.duplicateOnRetry).length;
    process.stdout.write(
      `\n  faults: ${faults.join('; ')}\n` +
        `  sent=${sends.length} acked=${acked} unknown=${unknown} recovered=${recovered} (of which stored before the lost ack: ${storedBeforeAck}) ` +
        `lost=${lost} duplicated=${duplicated} gaps=${gaps} order-mismatches=${orderMismatch}\n`,
    );

    expect(acked).toBe(sends.length);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(gaps).toBe(0);
    expect(orderMismatch).toBe(0);
    expect(probeSend.acked).toBe(true);
    expect(unknown).toBeGreaterThan(0);
    expect(storedBeforeAck).toBeGreaterThan(0);
    for (const p of everyone) p.close();
  }, 120_000);

  it('lets exactly one of two agents on two different processes take the same chat', async () => {
    const [one, two] = servers.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    expect(one && two).toBeTruthy();
    const direct = (p: ServerProcess) => `http://127.0.0.1:${p.port}`;
    const login = async (at: string, creds: { email: string; password: string }) => {
      const res = await fetch(`${at}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const adminCookie = await login(direct(one!), ADMIN);
    const cara = { email: 'cara@example.com', password: 'cara-long-password' };
    const res = await fetch(`${direct(one!)}/api/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({ ...cara, name: 'Cara' }),
    });
    expect(res.status).toBe(201);
    const onOne = new SimAgent('admin@1', direct(one!), adminCookie);
    const onTwo = new SimAgent('cara@2', direct(two!), await login(direct(two!), cara));
    const visitor = new SimVisitor('racer', direct(one!));
    try {
      expect(await until(() => [onOne, onTwo, visitor].every((p) => p.socket.connected), 10_000)).toBe(true);
      for (let round = 0; round < 5; round++) {
        visitor.send(visitor.conversationId, `round ${round}`);
        expect(await until(() => visitor.outbox.size === 0 && visitor.conversationId !== null, 10_000)).toBe(true);
        const conversationId = visitor.conversationId!;
        const results = await Promise.all([onOne.take(conversationId), onTwo.take(conversationId)]);
        expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
        // Close it, so the next round races on a fresh conversation.
        const winner = results[0] ? onOne : onTwo;
        const closed = await winner.socket.timeout(3000).emitWithAck('conversation:close', { conversationId });
        expect(closed.ok).toBe(true);
        expect(await until(() => visitor.conversationId === conversationId, 1000)).toBe(true);
        visitor.conversationId = null;
      }
    } finally {
      for (const p of [onOne, onTwo, visitor]) p.close();
    }
  }, 60_000);
});

if (!(pgReady.ok && redisReady.ok)) {
  describe('delivery under faults', () => it.skip(pgReady.ok ? (redisReady as { reason: string }).reason : (pgReady as { reason: string }).reason, () => {}));
}
