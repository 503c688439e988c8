import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '@causette/shared';
import { io as connect, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { bootstrap } from '../../src/domain/bootstrap.js';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export interface Running {
  app: FastifyInstance;
  base: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real Causette on a loopback port with its own SQLite file. */
export async function startServer(env: Record<string, string> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'causette-test-'));
  const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', ...env }) };
  const app = await buildApp(config);
  await app.ready();
  await bootstrap(app.services.store, ADMIN);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  return {
    app,
    base,
    dataDir,
    async stop() {
      for (const s of sockets) s.disconnect();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(base: string, creds = ADMIN): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no cookie');
  return cookie.split(';')[0]!;
}

const opened: Socket[] = [];

export function visitorSocket(base: string, opts: { siteKey?: string; token?: string; origin?: string | null; forwardedFor?: string } = {}): Socket {
  const headers: Record<string, string> = {};
  if (opts.origin !== null) headers.origin = opts.origin ?? base;
  if (opts.forwardedFor) headers['x-forwarded-for'] = opts.forwardedFor;
  const s = connect(`${base}${VISITOR_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { siteKey: opts.siteKey ?? 'demo', ...(opts.token ? { token: opts.token } : {}) },
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  opened.push(s);
  return s;
}

export function agentSocket(base: string, cookie: string | null): Socket {
  const s = connect(`${base}${AGENT_NAMESPACE}`, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie, origin: base } : { origin: base },
    reconnection: false,
    forceNew: true,
  });
  opened.push(s);
  return s;
}

export function closeAllSockets(): void {
  while (opened.length) opened.pop()!.disconnect();
}

/** Resolves on `connect`, rejects with the server's error code on `connect_error`. */
export function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (err) => reject(err));
  });
}

export function nextEvent<T = unknown>(s: Socket, event: string, predicate: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (p: T) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(p);
    };
    s.on(event, handler);
  });
}

export function ack<T = any>(s: Socket, event: string, payload?: unknown): Promise<T> {
  return payload === undefined ? s.timeout(5000).emitWithAck(event) : s.timeout(5000).emitWithAck(event, payload);
}
