/**
 * A stop (deploy, SIGTERM) must finish even when a client holds a request open: a half-sent upload,
 * a body announced and never sent. Otherwise the process waits for the client and the deploy stalls.
 */
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { startServer } from '../support/harness.js';

it('stops while a client sits on a half-sent request, and drops that connection', async () => {
  const server = await startServer();
  const { port } = new URL(server.base);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  // Headers in full, then 10 of the 1,000 announced bytes, and nothing more.
  socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":"');
  await new Promise((r) => setTimeout(r, 100));

  await server.stop();
  await closed;
  expect(socket.destroyed).toBe(true);
});
