import { CannedCreateBody, CannedResponse, CannedUpdateBody, Id } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { auditTarget } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import { UniqueViolation } from '../store/store.js';
import { withErrors } from './schemas.js';

const IdParams = Type.Object({ id: Id });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.services;
  const config = { capability: 'canned.use' } as const;

  const mustSee = async (agentSiteIds: Promise<string[]>, siteId: string) => {
    if (!(await agentSiteIds).includes(siteId)) throw new DomainError('not_found', 'No such site.');
  };
  const unique = <T>(p: Promise<T>) =>
    p.catch((err) => {
      if (err instanceof UniqueViolation) throw new DomainError('conflict', 'That shortcut is already used on this site.');
      throw err;
    });

  app.get(
    '/api/canned',
    {
      config,
      schema: {
        tags: ['canned'],
        querystring: Type.Object({ siteId: Id }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(CannedResponse) }) }),
      },
    },
    async (req) => {
      await mustSee(siteIdsFor(store, req.agent!), req.query.siteId);
      return { items: await store.canned.list(req.query.siteId) };
    },
  );

  app.post(
    '/api/canned',
    { config, schema: { tags: ['canned'], body: CannedCreateBody, response: withErrors({ 201: CannedResponse, 409: Type.Ref('ErrorResponse') }) } },
    async (req, reply) => {
      await mustSee(siteIdsFor(store, req.agent!), req.body.siteId);
      const created = await unique(store.canned.create(req.body));
      await req.audit.record('canned.created', auditTarget.canned(created));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/canned/:id',
    { config, schema: { tags: ['canned'], params: IdParams, body: CannedUpdateBody, response: withErrors({ 200: CannedResponse, 409: Type.Ref('ErrorResponse') }) } },
    async (req) => {
      const item = await store.canned.byId(req.params.id);
      if (!item) throw new DomainError('not_found', 'No such canned response.');
      await mustSee(siteIdsFor(store, req.agent!), item.siteId);
      const updated = (await unique(store.canned.update(item.id, req.body)))!;
      await req.audit.cannedChanged(item, updated);
      return updated;
    },
  );

  app.delete('/api/canned/:id', { config, schema: { tags: ['canned'], params: IdParams } }, async (req, reply) => {
    const item = await store.canned.byId(req.params.id);
    if (!item) throw new DomainError('not_found', 'No such canned response.');
    await mustSee(siteIdsFor(store, req.agent!), item.siteId);
    await store.canned.delete(item.id);
    await req.audit.record('canned.deleted', auditTarget.canned(item));
    return reply.code(204).send();
  });
};
export default routes;
