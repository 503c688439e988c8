/**
 * Several Causette processes on PostgreSQL + Redis, as OPERATIONS.md runs them at scale, for journeys whose
 * people are connected to different processes. Everything is private to one journey and loopback only: a
 * fresh PostgreSQL schema (created before, dropped with CASCADE after) and a throwaway redis-server child on a
 * free port. PostgreSQL is driven with the `psql` client, so e2e needs no database driver of its own.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import type { World } from './journey.js';
import { requireOrSkip } from './requirements.js';
import { freePort, startServer, type RunningServer } from './server.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

async function psql(sql: string): Promise<string> {
  const { stdout } = await run('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '3' },
    timeout: 10_000,
  });
  return stdout.trim();
}

/** The skip reason when PostgreSQL does not answer (or psql is missing), else null. Fails under CI=true. */
export async function requirePostgres(): Promise<string | null> {
  let reason = '';
  try {
    await psql('SELECT 1');
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    reason = e.code === 'ENOENT' ? 'the psql client is not installed' : `${PG_URL} does not answer (${(e.stderr || e.message).split('\n')[0]})`;
  }
  return requireOrSkip('PostgreSQL', reason === '', reason);
}

/** The skip reason when there is no redis-server binary to start, else null. Fails under CI=true. */
export async function requireRedisServer(): Promise<string | null> {
  const found = await run(REDIS_SERVER, ['--version'], { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  return requireOrSkip('redis-server', found, `no \`${REDIS_SERVER}\` binary on PATH (install Debian's redis-server or set REDIS_SERVER)`);
}

interface Redis {
  url: string;
  stop(): Promise<void>;
}

/** A redis-server of our own, without persistence, so that nothing else on the machine is touched. */
async function startRedis(): Promise<Redis> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const probe = connect(port, '127.0.0.1', () => {
        probe.end();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
  try {
    await waitFor(`redis-server to listen on 127.0.0.1:${port}`, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${stderr.trim()}`);
      return answers();
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

/** Waits until the process says it is ready: its database and Redis answer (`/api/ready`). */
async function ready(server: RunningServer): Promise<void> {
  await waitFor(`${server.baseUrl}/api/ready to answer 200`, async () => {
    const res = await fetch(`${server.baseUrl}/api/ready`, { signal: AbortSignal.timeout(2_000) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} ${await res.text()}`);
    return true;
  }, { timeout: 20_000, interval: 200 });
}

/**
 * `count` server processes sharing one fresh PostgreSQL schema and one private Redis. The first starts alone:
 * it runs the migrations and the first start (demo site, admin); the others then find both done.
 */
export function processesOnPostgresAndRedis(count: number): () => Promise<World> {
  return async () => {
    const schema = `causette_e2e_${randomBytes(6).toString('hex')}`;
    const servers: RunningServer[] = [];
    let redis: Redis | undefined;
    let schemaCreated = false;
    const stop = async () => {
      await Promise.allSettled(servers.map((s) => s.stop()));
      await redis?.stop();
      // The processes are gone, so nothing holds a lock on the schema any more.
      if (schemaCreated) await psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    };
    try {
      await psql(`CREATE SCHEMA ${schema}`);
      schemaCreated = true;
      redis = await startRedis();
      const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, REDIS_URL: redis.url, CAUSETTE_METRICS_TOKEN: METRICS_TOKEN };
      servers.push(await startServer(env));
      await ready(servers[0]!);
      for (let i = 1; i < count; i++) {
        servers.push(await startServer(env));
        await ready(servers[i]!);
      }
    } catch (error) {
      await stop().catch(() => undefined);
      throw error;
    }
    return { servers, stop };
  };
}

/** The token the processes started here answer /metrics to. */
const METRICS_TOKEN = 'e2e-processes-metrics-token-0123456789';

/** Open Socket.IO connections per namespace on one process, from its own `/metrics`. */
export async function connectionsOn(server: RunningServer): Promise<Record<string, number>> {
  const res = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(2_000) });
  if (res.status !== 200) throw new Error(`${server.baseUrl}/metrics answered ${res.status}`);
  const text = await res.text();
  const counts: Record<string, number> = {};
  for (const [, namespace, value] of text.matchAll(/^causette_connections\{namespace="([^"]+)"\} (\d+)$/gm)) {
    counts[namespace!.replace(/^\//, '')] = Number(value);
  }
  return counts;
}
