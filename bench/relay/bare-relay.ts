/**
 * The baseline for bench:relay: the least a Socket.IO server can do to relay chat. A visitor socket names its
 * pair in the handshake; `msg` is forwarded to that pair's room and acked. The agent socket joins the rooms of
 * the pairs it serves. `page:view` is acked and dropped. Same socket.io as the server package (resolved from
 * server/package.json), same frame limit, default transports, no connection-state recovery, no persistence.
 *
 * GET /mem answers process.memoryUsage() (heapUsed is what prom-client reports as nodejs_heap_size_used_bytes).
 * Run: node --import tsx bench/relay/bare-relay.ts  (PORT, HOST from env)
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../server/package.json', import.meta.url));
// Loosely typed: bench/ is not a package, so socket.io's types do not resolve from here.
const { Server } = require('socket.io') as { Server: new (...args: unknown[]) => any };

const http = createServer((req, res) => {
  if (req.url === '/mem') {
    res.setHeader('content-type', 'application/json');
    return res.end(JSON.stringify(process.memoryUsage()));
  }
  if (req.url === '/health') return res.end('ok');
  res.statusCode = 404;
  res.end();
});

const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });

io.on('connection', (socket: any) => {
  const auth = socket.handshake.auth as { role?: string; pair?: number; pairs?: number[] };
  if (auth.role === 'agent') {
    socket.join((auth.pairs ?? []).map((i) => `p:${i}`));
    return;
  }
  const room = `p:${auth.pair ?? 0}`;
  socket.on('msg', (payload: unknown, ack?: (r: unknown) => void) => {
    io.to(room).emit('msg', payload);
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('page:view', (_payload: unknown, ack?: (r: unknown) => void) => {
    if (typeof ack === 'function') ack({ ok: true });
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
const stop = () => {
  io.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
