import { createHash, timingSafeEqual } from 'node:crypto';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '@causette/shared';
import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messages: Counter<'author'>;
  handlerSeconds: Histogram<'event' | 'outcome'>;
  triggerEvaluations: Counter;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus metrics at /metrics; one registry per app, so several apps in one test process do not collide.
 * They tell anyone how busy every site is, so the route exists only with CAUSETTE_METRICS_TOKEN and answers only
 * `Authorization: Bearer <token>` (what Prometheus sends with `authorization: {credentials: …}`).
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'causette_process_' });
    const metrics: Metrics = {
      registry,
      messages: new Counter({ name: 'causette_messages_total', help: 'Messages stored', labelNames: ['author'], registers: [registry] }),
      handlerSeconds: new Histogram({
        name: 'causette_ack_seconds',
        help: 'Time from receiving a socket event to its ack',
        labelNames: ['event', 'outcome'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [registry],
      }),
      triggerEvaluations: new Counter({ name: 'causette_trigger_evaluations_total', help: 'Trigger rule evaluations', registers: [registry] }),
    };
    new Gauge({
      name: 'causette_connections',
      help: 'Open Socket.IO connections on this process',
      labelNames: ['namespace'],
      registers: [registry],
      collect() {
        if (!app.hasDecorator('io')) return;
        for (const nsp of [VISITOR_NAMESPACE, AGENT_NAMESPACE]) this.set({ namespace: nsp }, app.io.of(nsp).sockets.size);
      },
    });
    new Gauge({
      name: 'causette_queue_length',
      help: 'Open conversations no agent has taken, all sites',
      registers: [registry],
      async collect() {
        const sites = await app.services.store.sites.list();
        const queue = await app.services.store.conversations.summaries({ siteIds: sites.map((s) => s.id), status: 'open', assigneeId: null, limit: 10_000 });
        this.set(queue.length);
      },
    });
    app.services.triggers.onEvaluate = () => metrics.triggerEvaluations.inc();
    app.decorate('metrics', metrics);
    const token = app.config.metricsToken;
    if (!token) return;
    const expected = digest(`Bearer ${token}`);
    app.get(
      '/metrics',
      {
        schema: { hide: true },
        onRequest: async (req, reply) => {
          // Compared as digests, in constant time: the length and the prefix of the token leak nothing.
          if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
            reply.header('www-authenticate', 'Bearer');
            throw new DomainError('unauthenticated', 'Send the metrics token as `Authorization: Bearer <token>`.');
          }
        },
      },
      async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'metrics', dependencies: ['services'] },
);
