/**
 * bench:relay — Causette against a bare Socket.IO relay, in the same run, on loopback. Run: pnpm bench:relay
 *   --profile   only the saturation phase on Causette, with `node --cpu-prof` on the server; prints the top
 *               self-time functions and where the time goes by module.
 *   --quick     shorter windows and fewer idle visitors (a smoke test of the bench itself)
 *
 * Starts both servers as their own processes (Causette: `node --import tsx src/server.ts` with a temporary
 * DATA_DIR, i.e. the default SQLite store in WAL mode with synchronous=FULL; the bare relay:
 * bench/relay/bare-relay.ts), then a generator process per server (bench/relay/gen.ts) that drives it and
 * reads the server's CPU and RSS from /proc/<pid>. Servers are killed at the end, on error and on Ctrl-C.
 * See bench/README.md (bench:relay) for the method.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summariseProfile } from './relay/profile-summary.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..');
const SERVER_DIR = join(ROOT, 'server');
const args = new Set(process.argv.slice(2));
const PROFILE = args.has('--profile');
const QUICK = args.has('--quick');
const HARD_LIMIT_MS = 6 * 60_000;

const PAIRS = 500;
const AGENTS = 5;
const IDLE = QUICK ? 500 : 5000;
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };

/** Raised for one load-generating address (see docs/OPERATIONS.md); nothing else is changed. */
// The generator reads the server's heap from /metrics, which answers only the bearer of this token.
const METRICS_TOKEN = 'bench-relay-metrics-token-0123456789';
const CAUSETTE_LIMITS = {
  CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: '1000000',
  CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE: '1000000',
  CAUSETTE_LIMIT_SOCKETS_PER_IP: '1000000',
  CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR: '1000000',
  CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR: '1000000',
  CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S: '1000000',
  CAUSETTE_LIMIT_REST_PER_MINUTE: '1000000',
  CAUSETTE_LIMIT_EVENTS_PER_10S: '1000000',
};

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];
function cleanup(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.length = 0;
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
const hardLimit = setTimeout(() => {
  process.stderr.write(`bench:relay: over ${HARD_LIMIT_MS / 1000} s, stopping\n`);
  cleanup();
  process.exit(1);
}, HARD_LIMIT_MS);
hardLimit.unref();

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** `node --import tsx <file>` from server/, so that tsx and the server's dependencies resolve. */
function startNode(file: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

async function startCausette(nodeArgs: string[] = []): Promise<{ child: ChildProcess; base: string; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'causette-bench-'));
  tempDirs.push(dataDir);
  const port = await freePort();
  const child = startNode(join(SERVER_DIR, 'src/server.ts'), {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CAUSETTE_ADMIN_EMAIL: ADMIN.email,
    CAUSETTE_ADMIN_PASSWORD: ADMIN.password,
    ...CAUSETTE_LIMITS,
    CAUSETTE_METRICS_TOKEN: METRICS_TOKEN,
  }, nodeArgs);
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(`${base}/api/health`, child);
  return { child, base, dataDir };
}

async function startBare(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = startNode(join(here, 'relay/bare-relay.ts'), { PORT: String(port), HOST: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(`${base}/health`, child);
  return { child, base };
}

function runGenerator(config: Record<string, unknown>, timeoutMs: number): Promise<any> {
  return new Promise((res, rej) => {
    const child = startNode(join(here, 'relay/gen.ts'), { BENCH_CONFIG: JSON.stringify(config), CAUSETTE_METRICS_TOKEN: METRICS_TOKEN });
    let result: unknown;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`generator for ${config.kind} took over ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', (m) => (result = m));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && result) res(result);
      else rej(new Error(`generator for ${config.kind} exited with ${code}`));
    });
  });
}

function stopGracefully(child: ChildProcess, ms = 15_000): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res();
    const t = setTimeout(() => {
      child.kill('SIGKILL');
    }, ms);
    child.once('exit', () => {
      clearTimeout(t);
      res();
    });
    child.kill('SIGTERM');
  });
}

/* ---------- printing ---------- */

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : '—');
const n1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const n2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const kb = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : `${(x / 1024).toFixed(1)} KB`);
const mb = (x: number) => `${(x / 1048576).toFixed(0)} MB`;
const errs = (e: Record<string, number> | undefined) => (e && Object.keys(e).length ? Object.entries(e).map(([k, v]) => `${k}×${v}`).join(' ') : 'none');

function table(rows: string[][]): string {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]!) : cell.padStart(w[c]!))).join('  ')).join('\n');
}

function print(c: any, b: any): void {
  const line = (label: string, f: (r: any) => string) => [label, f(c), f(b)];
  const out: string[][] = [['', 'Causette', 'bare relay']];
  out.push(line('saturation (closed loop, 500 pairs): msg/s', (r) => n0(r.sat.ratePerSec)));
  out.push(line('  latency p50 / p99 (ms)', (r) => `${n2(r.sat.p50Ms)} / ${n2(r.sat.p99Ms)}`));
  out.push(line('  server CPU %  /  µs per message', (r) => `${n0(r.sat.serverCpuPct)} % / ${n1(r.sat.serverCpuUsPerMsg)}`));
  out.push(line('  generator CPU %  /  µs per message', (r) => `${n0(r.sat.genCpuPct)} % / ${n1(r.sat.genCpuUsPerMsg)}`));
  out.push(line('  error acks', (r) => errs(r.sat.errors)));
  for (const rate of [1000, 5000]) {
    const k = `rate${rate}`;
    out.push(line(`${n0(rate)} msg/s offered: sent / delivered per s`, (r) => `${n0(r[k].sentPerSec)} / ${n0(r[k].ratePerSec)}`));
    out.push(line('  latency p50 / p99 / p99.9 / max (ms)', (r) => `${n2(r[k].p50Ms)} / ${n2(r[k].p99Ms)} / ${n2(r[k].p999Ms)} / ${n1(r[k].maxMs)}`));
    out.push(line('  server CPU %  /  µs per message', (r) => `${n0(r[k].serverCpuPct)} % / ${n1(r[k].serverCpuUsPerMsg)}`));
    out.push(line('  generator CPU %', (r) => `${n0(r[k].genCpuPct)} %`));
    out.push(line('  error acks', (r) => errs(r[k].errors)));
  }
  out.push(line(`idle: ${n0(c.idle.n)} visitors, 1 page:view each: connect time`, (r) => `${n1(r.idle.connectSeconds)} s`));
  out.push(line('  RSS before → after', (r) => `${mb(r.idle.rssBefore)} → ${mb(r.idle.rssAfter)}`));
  out.push(line('  RSS per idle visitor', (r) => kb(r.idle.rssPerConn)));
  out.push(line('  V8 heap used per idle visitor', (r) => kb(r.idle.heapPerConn)));
  out.push(line('  error acks', (r) => errs(r.idleErrors)));
  console.log(table(out));

  const ratio = (x: number, y: number) => x / y;
  const tput = ratio(c.sat.ratePerSec, b.sat.ratePerSec);
  const p99 = ratio(c.rate5000.p99Ms, b.rate5000.p99Ms);
  const mem = ratio(c.idle.rssPerConn, b.idle.rssPerConn);
  const heap = c.idle.heapPerConn !== null && b.idle.heapPerConn !== null ? ratio(c.idle.heapPerConn, b.idle.heapPerConn) : NaN;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log('\nGoals (Causette ÷ bare, same run):');
  console.log(table([
    ['goal', 'ratio', 'target', ''],
    ['saturation throughput', `${n0(100 * tput)} %`, '≥ 50 %', verdict(tput >= 0.5)],
    ['p99 latency at 5,000 msg/s', `${n1(p99)} ×`, '≤ 2 ×', verdict(p99 <= 2 && c.rate5000.ratePerSec >= 0.95 * c.rate5000.offered)],
    ['RSS per idle visitor', `${n1(mem)} ×`, '≤ 1.3 ×', verdict(mem <= 1.3)],
    ['(V8 heap per idle visitor)', `${n1(heap)} ×`, '', ''],
  ]));
  if (c.rate5000.ratePerSec < 0.95 * c.rate5000.offered) console.log(`  Causette did not keep up with 5,000 msg/s (delivered ${n0(c.rate5000.ratePerSec)}/s): its p99 is a queueing delay.`);
}

/* ---------- main ---------- */

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`bench:relay  ${new Date().toISOString()}  node ${process.version}  ${cpus().length} cores (${cpus()[0]?.model ?? '?'})  ${process.arch}  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const windows = QUICK
    ? { satWarmupMs: 1000, satWindowMs: 3000, rateWarmupMs: 1000, rateWindowMs: 3000 }
    : { satWarmupMs: 3000, satWindowMs: 10_000, rateWarmupMs: 2000, rateWindowMs: 8000 };
  const common = { pairs: PAIRS, agents: AGENTS, idle: IDLE, ...windows };

  if (PROFILE) {
    const profDir = mkdtempSync(join(tmpdir(), 'causette-prof-'));
    tempDirs.push(profDir);
    const srv = await startCausette(['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
    console.log(`Causette with --cpu-prof (pid ${srv.child.pid}); saturation phase only`);
    const r = await runGenerator({ kind: 'causette', base: srv.base, serverPid: srv.child.pid, phases: ['sat'], admin: ADMIN, ...common }, 120_000);
    console.log(`saturation: ${n0(r.sat.ratePerSec)} msg/s, server CPU ${n0(r.sat.serverCpuPct)} %, ${n1(r.sat.serverCpuUsPerMsg)} µs/msg, errors: ${errs(r.sat.errors)}`);
    await stopGracefully(srv.child);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    console.log(summariseProfile(JSON.parse(readFileSync(join(profDir, file), 'utf8')), ROOT, { startUs: r.sat.windowStartUs, endUs: r.sat.windowEndUs }));
    return;
  }

  const [causette, bare] = await Promise.all([startCausette(), startBare()]);
  console.log(`Causette pid ${causette.child.pid} (${causette.base}, SQLite in ${causette.dataDir}); bare relay pid ${bare.child.pid} (${bare.base})`);
  const phases = ['idle', 'sat', 'rate1000', 'rate5000'];
  // One server under load at a time; the other sits idle.
  const b = await runGenerator({ kind: 'bare', base: bare.base, serverPid: bare.child.pid, phases, ...common }, 150_000);
  const c = await runGenerator({ kind: 'causette', base: causette.base, serverPid: causette.child.pid, phases, admin: ADMIN, ...common }, 200_000);
  await Promise.all([stopGracefully(causette.child, 5000), stopGracefully(bare.child, 5000)]);
  console.log(`\nset-up of ${PAIRS} pairs: Causette ${n1(c.setupSeconds)} s, bare ${n1(b.setupSeconds)} s; ${AGENTS} agent sockets, ${PAIRS / AGENTS} chats each\n`);
  print(c, b);
  console.log(`\n(total ${n0((Date.now() - started) / 1000)} s; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
}

main()
  .then(() => {
    cleanup();
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`bench:relay failed: ${err?.stack ?? err}\n`);
    cleanup();
    process.exit(1);
  });
