/**
 * Starts the real Causette server as a child process, exactly as `pnpm start` runs it (the built JavaScript in
 * server/dist, minus the build), on a free port with a fresh data directory, so every journey begins from a first start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_INDEX, REPO_ROOT, SERVER_BUNDLE, SERVER_DIR, WIDGET_BUNDLE } from './paths.js';
import { sleep } from './wait.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'e2e-journeys-password';

const HEALTH_TIMEOUT = 30_000;
const STOP_TIMEOUT = 10_000;

export interface RunningServer {
  baseUrl: string;
  /** The last lines the server printed, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  assertBuilt();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'causette-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CAUSETTE_ADMIN_EMAIL: ADMIN_EMAIL,
    CAUSETTE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  // The server must run as `pnpm start` runs it, not as a vitest worker: drop what vitest set.
  for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];

  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const baseUrl = `http://127.0.0.1:${port}`;
  const logs = () => output.join('\n');
  const stop = async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitHealthy(baseUrl, exited);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${logs()}`);
  }
  return { baseUrl, logs, stop };
}

function assertBuilt(): void {
  const missing = [SERVER_BUNDLE, WIDGET_BUNDLE, CONSOLE_INDEX].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The journeys need the built server, widget and console; missing ${missing.join(', ')}. Run \`pnpm build\` first (\`pnpm test\` does).`);
  }
  // A journey against yesterday's bundle would pass or fail for the wrong reason.
  const sources = Math.max(newest(join(SERVER_DIR, 'src')), newest(join(REPO_ROOT, 'shared', 'src')));
  if (statSync(SERVER_BUNDLE).mtimeMs < sources) {
    throw new Error(`${SERVER_BUNDLE} is older than the server's sources. Run \`pnpm build\` first (\`pnpm test\` does).`);
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

async function waitHealthy(baseUrl: string, exited: Promise<number | null>): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + HEALTH_TIMEOUT;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The server exited with code ${exitCode} before /api/health answered.`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`The server did not answer GET ${baseUrl}/api/health with 200 within ${HEALTH_TIMEOUT} ms (last: ${last}).`);
}

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
