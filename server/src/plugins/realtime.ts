import fp from 'fastify-plugin';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Server } from 'socket.io';
import { registerAgentNamespace } from '../realtime/agent-namespace.js';
import { registerVisitorNamespace } from '../realtime/visitor-namespace.js';

/** The largest Socket.IO frame accepted; a message body is at most 5,000 characters. */
export const MAX_FRAME_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    io: Server;
  }
}

export default fp(
  async (app) => {
    const io = new Server(app.server, {
      maxHttpBufferSize: MAX_FRAME_BYTES,
      // The widget and console are served from here; cross-origin widgets are checked per site in the
      // visitor namespace, agents only ever connect from the console's own origin.
      cors: { origin: true, credentials: false },
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    // Every event costs a point: 120 per 10 s per visitor or agent, shared by all their tabs.
    const limiter = new RateLimiterMemory({ points: 120, duration: 10 });
    const ctx = { limiter, log: app.log };
    app.services.notifier.attach(io);
    registerVisitorNamespace(io, app.services, ctx);
    registerAgentNamespace(io, app.services, ctx, (header) => app.parseCookie(header));
    app.decorate('io', io);

    // Close client connections before the HTTP server stops, so shutdown does not wait on open sockets.
    app.addHook('preClose', async () => {
      io.disconnectSockets(true);
      io.engine.close();
    });
  },
  { name: 'realtime', dependencies: ['services', '@fastify/cookie'] },
);
