/** Secrets never reach the log: passwords, session tokens and visitor tokens stay out of every line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { io } from 'socket.io-client';
import { expect, it } from 'vitest';
import causette, { fastifyOptions } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { bootstrap } from '../src/domain/bootstrap.js';

it('logs requests and socket failures without passwords, cookies or tokens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'causette-logs-'));
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'trace' });
  const options = fastifyOptions(config);
  const app = Fastify({ ...options, logger: { ...options.logger, stream } });
  await app.register(causette, { config });
  await app.ready();
  const password = 'a-very-secret-password-9';
  await bootstrap(app.services.store, { email: 'admin@example.com', password });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  try {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const sessionToken = cookie.split('=')[1]!;
    await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.zz', password }) });
    const s = io(`${base}/visitor`, { transports: ['websocket'], auth: { siteKey: 'demo' }, extraHeaders: { origin: base }, forceNew: true });
    const resume = await new Promise<{ token: string }>((resolve) => s.on('connect', () => s.emit('session:resume', {}, resolve)));
    s.disconnect();
    // A signed file link is a permission for days: its signature stays out of the request log too.
    await fetch(`${base}/files/AAAAAAAAAAAAAAAAAAAAAA?e=9999999999&s=signature-that-opens-the-file`);
    const log = lines.join('');
    expect(log).toContain('/files/AAAAAAAAAAAAAAAAAAAAAA?e=9999999999&s=[redacted]');
    expect(log).not.toContain('signature-that-opens-the-file');
    expect(lines.length).toBeGreaterThan(3);
    expect(log).toContain('/api/auth/login');
    expect(log).not.toContain(password);
    expect(log).not.toContain(sessionToken);
    expect(log).not.toContain(resume.token);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
