import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));
  app.get(
    '/api/ready',
    {
      config: { public: true },
      schema: {
        tags: ['ops'],
        summary: 'Readiness: the database and (when configured) Redis answer',
        response: { 200: Type.Object({ ok: Type.Boolean() }), 503: Type.Object({ ok: Type.Boolean(), failing: Type.Array(Type.String()) }) },
      },
    },
    async (_req, reply) => {
      const checks = await Promise.allSettled([app.services.store.ping(), app.services.bus.ping()]);
      const failing = (['database', 'bus'] as const).filter((_, i) => checks[i]!.status === 'rejected');
      if (failing.length) return reply.code(503).send({ ok: false, failing: [...failing] });
      return { ok: true };
    },
  );
};
export default routes;
