/**
 * bench:relay load generator: one process, started by bench/relay.ts once per server under test. It sets the
 * target up, runs the phases, reads the server's CPU and memory from /proc/<pid>, and sends its figures back
 * over IPC. Everything goes to loopback; every phase is bounded in time.
 *
 * Config (JSON in BENCH_CONFIG): { kind: 'causette' | 'bare', base, serverPid, phases: string[], pairs, agents,
 * idle, admin?: {email, password} }.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RawSocket } from './client.js';

interface Config {
  kind: 'causette' | 'bare';
  base: string;
  serverPid: number;
  phases: Array<'idle' | 'sat' | 'rate1000' | 'rate5000'>;
  pairs: number;
  agents: number;
  idle: number;
  satWarmupMs: number;
  satWindowMs: number;
  rateWarmupMs: number;
  rateWindowMs: number;
  admin?: { email: string; password: string };
}

const cfg = JSON.parse(process.env.BENCH_CONFIG!) as Config;
const causette = cfg.kind === 'causette';
const run = randomBytes(4).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const log = (...a: unknown[]) => process.stderr.write(`  [gen ${cfg.kind}] ${a.join(' ')}\n`);

/* ---------- the server's process, from /proc ---------- */

const TICK_US = 1_000_000 / 100; // CLK_TCK is 100 on Linux x86_64/arm64
function serverCpuUs(): number {
  const stat = readFileSync(`/proc/${cfg.serverPid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_US; // utime, stime (fields 14 and 15)
}
function serverRss(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${cfg.serverPid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}
async function serverHeap(): Promise<number | null> {
  try {
    if (causette) {
      const text = await (await fetch(`${cfg.base}/metrics`, { headers: { authorization: `Bearer ${process.env.CAUSETTE_METRICS_TOKEN}` } })).text();
      const m = /^causette_process_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
      return m ? Number(m[1]) : null;
    }
    return ((await (await fetch(`${cfg.base}/mem`)).json()) as { heapUsed: number }).heapUsed;
  } catch {
    return null;
  }
}
function genCpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/* ---------- set-up over REST (Causette) ---------- */

async function api(method: string, path: string, cookie: string | null, body?: unknown): Promise<{ status: number; json: any; cookie: string | null }> {
  const res = await fetch(`${cfg.base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), origin: cfg.base },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  const set = res.headers.get('set-cookie');
  return { status: res.status, json, cookie: set ? set.split(';')[0]! : null };
}

async function login(email: string, password: string): Promise<string> {
  const r = await api('POST', '/api/auth/login', null, { email, password });
  if (r.status !== 200 || !r.cookie) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.cookie;
}

/* ---------- sockets ---------- */

const MARK = '~T';
/** The send time travels in the body, so the receiving side needs no lookup and no JSON.parse. */
function body(sentUs: number): string {
  return `Hello, is the blue tote still in stock? ${MARK}${sentUs}~`;
}
function sentOf(frame: string): number {
  const i = frame.indexOf(MARK);
  if (i < 0) return -1;
  return Number(frame.slice(i + 2, frame.indexOf('~', i + 2)));
}

const SEND_EVENT = causette ? 'message:send' : 'msg';
const DELIVER_PREFIX = causette ? '["message:new"' : '["msg"';

/** Delivery at the agent side: counted and timed when inside the measuring window. */
const recv = { counting: false, count: 0, lat: [] as number[], windowStartUs: 0 };
function onAgentEvent(frame: string): void {
  if (!frame.startsWith(DELIVER_PREFIX)) return;
  const sent = sentOf(frame);
  if (sent < 0) return;
  if (!recv.counting) return;
  recv.count++;
  if (sent >= recv.windowStartUs) recv.lat.push(nowUs() - sent);
}

function visitorSocket(i: number): RawSocket {
  return causette
    ? new RawSocket({ base: cfg.base, nsp: '/visitor', auth: { siteKey: 'demo' }, headers: { origin: cfg.base } })
    : new RawSocket({ base: cfg.base, nsp: '/', auth: { role: 'visitor', pair: i } });
}

async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

const okAck = (reply: string) => reply.startsWith('[{"ok":true');
const errors = new Map<string, number>();
function countError(reply: string): void {
  const code = /"code":"([a-z_]+)"/.exec(reply)?.[1] ?? 'unknown';
  errors.set(code, (errors.get(code) ?? 0) + 1);
}

/* ---------- phase: idle visitors ---------- */

async function idlePhase() {
  await sleep(1500);
  const rssBefore = serverRss();
  const heapBefore = await serverHeap();
  const t0 = Date.now();
  const pageView = JSON.stringify({ url: `${cfg.base}/demo/products/tote`, title: 'Blue tote', referrer: 'https://www.google.com/' });
  const sockets = await pool(cfg.idle, 100, async (i) => {
    const s = visitorSocket(i);
    await s.ready;
    const r = await s.emitAck('page:view', pageView);
    if (!okAck(r)) countError(r);
    return s;
  });
  const connectSeconds = (Date.now() - t0) / 1000;
  await sleep(3000);
  const rssAfter = serverRss();
  const heapAfter = await serverHeap();
  for (const s of sockets) s.close();
  await sleep(2000);
  return {
    n: cfg.idle,
    connectSeconds,
    rssBefore,
    rssAfter,
    rssPerConn: (rssAfter - rssBefore) / cfg.idle,
    heapBefore,
    heapAfter,
    heapPerConn: heapBefore !== null && heapAfter !== null ? (heapAfter - heapBefore) / cfg.idle : null,
  };
}

/* ---------- set-up: pairs ---------- */

interface Pair {
  visitor: RawSocket;
  n: number;
}

async function setUpPairs(): Promise<{ pairs: Pair[]; agents: RawSocket[] }> {
  const agents: RawSocket[] = [];
  let teamIds: string[] = [];
  if (causette) {
    // Each agent has a team of their own and a capacity of 100; the site routes automatically. So each chat
    // lands with exactly one agent, and its messages reach that agent's socket only (a chat in no team would
    // go to every agent socket of the site).
    const admin = await login(cfg.admin!.email, cfg.admin!.password);
    const sites = await api('GET', '/api/sites', admin);
    const demo = (sites.json.items as Array<{ id: string; key: string }>).find((s) => s.key === 'demo');
    if (!demo) throw new Error('no demo site');
    const patched = await api('PATCH', `/api/sites/${demo.id}`, admin, { settings: { routing: 'auto' } });
    if (patched.status !== 200) throw new Error(`routing: ${patched.status} ${JSON.stringify(patched.json)}`);
    for (let k = 0; k < cfg.agents; k++) {
      const email = `agent${k}.${run}@example.com`;
      const password = `bench-password-${run}`;
      const a = await api('POST', '/api/agents', admin, { email, name: `Agent ${k}`, password, role: 'agent', capacity: Math.ceil(cfg.pairs / cfg.agents), siteIds: [demo.id] });
      if (a.status !== 201 && a.status !== 200) throw new Error(`agent: ${a.status} ${JSON.stringify(a.json)}`);
      const t = await api('POST', '/api/teams', admin, { siteId: demo.id, name: `Team ${k} ${run}`, memberIds: [a.json.id] });
      if (t.status !== 201 && t.status !== 200) throw new Error(`team: ${t.status} ${JSON.stringify(t.json)}`);
      teamIds.push(t.json.id);
      const cookie = await login(email, password);
      const s = new RawSocket({ base: cfg.base, nsp: '/agent', headers: { cookie, origin: cfg.base }, onEvent: onAgentEvent });
      await s.ready;
      agents.push(s);
    }
  } else {
    for (let k = 0; k < cfg.agents; k++) {
      const mine = Array.from({ length: cfg.pairs }, (_, i) => i).filter((i) => i % cfg.agents === k);
      const s = new RawSocket({ base: cfg.base, nsp: '/', auth: { role: 'agent', pairs: mine }, onEvent: onAgentEvent });
      await s.ready;
      agents.push(s);
    }
  }
  const pairs = await pool(cfg.pairs, 25, async (i) => {
    const visitor = visitorSocket(i);
    await visitor.ready;
    const first: Record<string, unknown> = { clientId: `c${run}x${i}x0`, body: 'Hi there' };
    if (causette) {
      await visitor.emitAck('session:resume', '{}');
      first.teamId = teamIds[i % cfg.agents];
    }
    const r = await visitor.emitAck(SEND_EVENT, JSON.stringify(first));
    if (!okAck(r)) throw new Error(`first message of pair ${i}: ${r.slice(0, 300)}`);
    if (causette && !/"conversation":\{[^]*?"agent":\{/.test(r)) throw new Error(`pair ${i}: chat not assigned: ${r.slice(0, 400)}`);
    return { visitor, n: 1 };
  });
  return { pairs, agents };
}

function send(p: Pair, i: number, onAck: (reply: string) => void): void {
  const n = p.n++;
  p.visitor.emit(SEND_EVENT, `{"clientId":"c${run}x${i}x${n}","body":"${body(nowUs())}"}`, onAck);
}

function pct(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  return xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
}
function latencyStats(lat: number[]) {
  lat.sort((a, b) => a - b);
  return { samples: lat.length, p50Ms: pct(lat, 0.5) / 1000, p99Ms: pct(lat, 0.99) / 1000, p999Ms: pct(lat, 0.999) / 1000, maxMs: (lat.at(-1) ?? NaN) / 1000 };
}

/** Measures one window: messages received at the agent side, server and generator CPU. */
async function window(ms: number) {
  errors.clear();
  recv.count = 0;
  recv.lat = [];
  recv.windowStartUs = nowUs();
  recv.counting = true;
  const s0 = serverCpuUs();
  const g0 = genCpuUs();
  const t0 = nowUs();
  await sleep(ms);
  recv.counting = false;
  const elapsedUs = nowUs() - t0;
  const serverUs = serverCpuUs() - s0;
  const genUs = genCpuUs() - g0;
  const received = recv.count;
  return {
    windowStartUs: t0,
    windowEndUs: t0 + elapsedUs,
    seconds: elapsedUs / 1e6,
    received,
    ratePerSec: received / (elapsedUs / 1e6),
    serverCpuPct: (100 * serverUs) / elapsedUs,
    serverCpuUsPerMsg: received ? serverUs / received : NaN,
    genCpuPct: (100 * genUs) / elapsedUs,
    genCpuUsPerMsg: received ? genUs / received : NaN,
    ...latencyStats(recv.lat),
    errors: Object.fromEntries(errors),
    rssAfter: serverRss(),
  };
}

/* ---------- phase: saturation (closed loop) ---------- */

async function saturation(pairs: Pair[]) {
  let running = true;
  pairs.forEach((p, i) => {
    const loop = (reply: string) => {
      if (!okAck(reply)) countError(reply);
      if (!running) return;
      if (okAck(reply)) send(p, i, loop);
      else setTimeout(() => running && send(p, i, loop), 20);
    };
    send(p, i, loop);
  });
  await sleep(cfg.satWarmupMs);
  const w = await window(cfg.satWindowMs);
  running = false;
  await sleep(1500); // drain what is in flight
  return w;
}

/* ---------- phase: fixed rate (open loop) ---------- */

async function fixedRate(pairs: Pair[], rate: number) {
  let sent = 0;
  let sentInWindow = 0;
  let inWindow = false;
  const onAck = (reply: string) => {
    if (!okAck(reply)) countError(reply);
  };
  const start = performance.now();
  let next = 0;
  let stopAt = Infinity;
  const tick = () => {
    const now = performance.now();
    if (now >= stopAt) return;
    const due = Math.floor(((now - start) * rate) / 1000) - sent;
    for (let k = 0; k < due; k++) {
      const i = next;
      next = (next + 1) % pairs.length;
      send(pairs[i]!, i, onAck);
      sent++;
      if (inWindow) sentInWindow++;
    }
    setTimeout(tick, 1);
  };
  tick();
  await sleep(cfg.rateWarmupMs);
  inWindow = true;
  const w = await window(cfg.rateWindowMs);
  inWindow = false;
  stopAt = 0;
  await sleep(1500);
  return { offered: rate, sentPerSec: sentInWindow / w.seconds, ...w };
}

/* ---------- main ---------- */

async function main() {
  const result: Record<string, unknown> = { kind: cfg.kind };
  if (cfg.phases.includes('idle')) {
    log(`idle: ${cfg.idle} visitors, one page:view each`);
    result.idle = await idlePhase();
    result.idleErrors = Object.fromEntries(errors);
    errors.clear();
  }
  const loaded = cfg.phases.filter((p) => p !== 'idle');
  if (loaded.length) {
    log(`set-up: ${cfg.pairs} pairs, ${cfg.agents} agent sockets`);
    const t0 = Date.now();
    const { pairs, agents } = await setUpPairs();
    result.setupSeconds = (Date.now() - t0) / 1000;
    await sleep(1000);
    if (cfg.phases.includes('sat')) {
      log('saturation, closed loop');
      result.sat = await saturation(pairs);
    }
    for (const rate of [1000, 5000]) {
      if (!cfg.phases.includes(`rate${rate}` as never)) continue;
      log(`fixed rate ${rate} msg/s, open loop`);
      result[`rate${rate}`] = await fixedRate(pairs, rate);
    }
    for (const p of pairs) p.visitor.close();
    for (const a of agents) a.close();
  }
  process.send!(result, () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`generator failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
