import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));
  app.get(
    '/api/ready',
    { schema: { tags: ['ops'], summary: 'Readiness: the database answers', response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async () => {
      await app.services.store.ping();
      return { ok: true };
    },
  );
};
export default routes;
