import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';

/**
 * The API's description at /api/docs (and /api/openapi.json): a map of every route for whoever reads it, so only
 * signed-in admins see it unless the operator says CAUSETTE_API_DOCS=public.
 */
const apiDocs: FastifyPluginAsync = async (app) => {
  const access = app.config.apiDocsPublic ? { public: true as const } : { capability: 'apiDocs.read' as const };
  // Encapsulated: only the docs' own routes get this access, whatever @fastify/swagger-ui declares for them.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), ...access };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
export default apiDocs;
