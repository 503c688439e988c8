/** Real server processes, a private Redis, and a TCP balancer that can lose packets: the fault suite's world. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: env.LOG_LEVEL ?? 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/ready`)).ok, 60_000, `server on ${port}`);
  return {
    port,
    child,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A throwaway redis-server of our own, so that restarting it disturbs nothing else on the machine. */
export async function startRedis(port?: number): Promise<{ port: number; url: string; stop(): Promise<void> }> {
  const p = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitFor(
    () =>
      new Promise<boolean>((res) => {
        const s = connect(p, '127.0.0.1', () => {
          s.end();
          res(true);
        });
        s.once('error', () => res(false));
      }),
    10_000,
    'redis',
  );
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

interface Link {
  client: Socket;
  upstream: Socket;
  backend: number;
  /** While set, bytes from the server are dropped: the server has answered, the client never hears it. */
  blackholed: boolean;
}

/** Round-robin TCP balancer (what a plain L4 load balancer does with WebSocket-only clients). */
export class Balancer {
  private server: Server | undefined;
  private turn = 0;
  readonly links = new Set<Link>();
  port = 0;

  constructor(private readonly backends: () => number[]) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((client) => this.route(client, 0));
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
  }

  private route(client: Socket, attempt: number): void {
    const ports = this.backends();
    if (attempt >= ports.length) return void client.destroy();
    const backend = ports[this.turn++ % ports.length]!;
    const upstream = connect(backend, '127.0.0.1');
    const link: Link = { client, upstream, backend, blackholed: false };
    let up = false;
    upstream.once('connect', () => {
      up = true;
      this.links.add(link);
      client.pipe(upstream);
      upstream.on('data', (chunk) => {
        if (!link.blackholed) client.write(chunk);
      });
    });
    upstream.on('error', () => {
      if (!up) {
        client.removeAllListeners('data');
        return this.route(client, attempt + 1);
      }
      client.destroy();
    });
    upstream.on('close', () => {
      this.links.delete(link);
      if (up) client.destroy();
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    if (!up) client.pause();
    upstream.once('connect', () => client.resume());
  }

  /** Drop everything the server says on these links for `ms`, then cut them. */
  blackholeThenCut(links: Link[], ms: number): Promise<void> {
    for (const l of links) l.blackholed = true;
    return new Promise((r) =>
      setTimeout(() => {
        for (const l of links) {
          l.client.destroy();
          l.upstream.destroy();
        }
        r();
      }, ms),
    );
  }

  async stop(): Promise<void> {
    for (const l of this.links) {
      l.client.destroy();
      l.upstream.destroy();
    }
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
