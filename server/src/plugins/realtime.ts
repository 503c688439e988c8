import fp from 'fastify-plugin';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '@causette/shared';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server } from 'socket.io';
import { RedisBus } from '../bus/redis-bus.js';
import { RoutingSweeper } from '../domain/routing/sweeper.js';
import { AbuseLimits, clientIp } from '../realtime/abuse.js';
import type { HandlerContext } from '../realtime/handler.js';
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
      pingInterval: app.config.pingIntervalMs,
      pingTimeout: app.config.pingTimeoutMs,
      // A short outage resumes the same session (rooms and missed packets); middlewares still run, so a
      // signed-out agent cannot recover. Messages never depend on it: clients catch up by seq anyway.
      connectionStateRecovery: { maxDisconnectionDuration: app.config.recoveryWindowMs, skipMiddlewares: false },
    });
    // Every event costs a point: 120 per 10 s per visitor or agent by default (CAUSETTE_LIMIT_EVENTS_PER_10S),
    // shared by all their tabs.
    const limiter = app.services.bus.limiter({ keyPrefix: 'events', points: app.config.eventsPer10s, durationSeconds: 10 });
    const ctx: HandlerContext = {
      limiter,
      abuse: new AbuseLimits(app.services.bus, app.config.abuse),
      ipOf: (handshake) => clientIp(handshake, app.config.trustProxy),
      log: app.log,
      observe: (event, outcome, seconds) => {
        app.metrics.handlerSeconds.observe({ event, outcome }, seconds);
      },
      stored: (author) => app.metrics.messages.inc({ author }),
    };
    if (app.services.bus instanceof RedisBus) io.adapter(createAdapter(app.services.bus.client));
    app.services.notifier.attach(io);
    registerVisitorNamespace(io, app.services, ctx);
    registerAgentNamespace(io, app.services, ctx, (header) => app.parseCookie(header), app.config.requeueGraceMs, app.config.consoleOrigins);
    app.decorate('io', io);

    const sweeper = new RoutingSweeper(app.services.store, app.services.chat, app.services.notifier, {
      intervalMs: app.config.sweepIntervalMs,
      requeueGraceMs: app.config.requeueGraceMs,
      onError: (err) => app.log.warn({ err }, 'routing sweep failed'),
    });
    app.addHook('onReady', async () => {
      sweeper.start();
      app.services.privacy.start(app.config.retentionSweepMs, (err) => app.log.warn({ err }, 'retention purge failed'));
      app.services.auth.startIdleSweep(app.config.sweepIntervalMs, (err) => app.log.warn({ err }, 'idle sign-in sweep failed'));
      // Reply emails due, including those a stopped process had scheduled.
      app.services.email.start(app.config.sweepIntervalMs);
    });
    app.addHook('preClose', async () => {
      sweeper.stop();
      app.services.privacy.stop();
      app.services.auth.stopIdleSweep();
    });

    // Close client connections before the HTTP server stops, so shutdown does not wait on open sockets.
    app.addHook('preClose', async () => {
      io.disconnectSockets(true);
      io.engine.close();
    });
    // The Redis adapter holds its own connections; they close with the namespaces' adapters.
    app.addHook('onClose', async () => {
      for (const name of ['/', VISITOR_NAMESPACE, AGENT_NAMESPACE]) await io.of(name).adapter.close();
    });
  },
  { name: 'realtime', dependencies: ['services', 'metrics', '@fastify/cookie'] },
);
