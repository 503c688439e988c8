import { randomBytes } from 'node:crypto';
import { Id, Site, SiteCreateBody, SiteUpdateBody } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { DEFAULT_SITE_SETTINGS } from '../domain/bootstrap.js';
import { DomainError } from '../domain/errors.js';
import type { SiteWithSecret } from '../store/store.js';
import { withErrors } from './schemas.js';

/** The identity secret never leaves through the sites API. */
export function publicSite({ secret: _secret, ...site }: SiteWithSecret): Site {
  return site;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.services;

  app.get(
    '/api/sites',
    { schema: { tags: ['sites'], response: withErrors({ 200: Type.Object({ items: Type.Array(Site) }) }) }, preHandler: app.requireAgent },
    async (req) => {
      const ids = await siteIdsFor(store, req.agent!);
      return { items: (await store.sites.list()).filter((s) => ids.includes(s.id)).map(publicSite) };
    },
  );

  app.post(
    '/api/sites',
    { schema: { tags: ['sites'], body: SiteCreateBody, response: withErrors({ 201: Site }) }, preHandler: app.requireAdmin },
    async (req, reply) => {
      const site = await store.sites.create({ ...req.body, key: randomBytes(9).toString('base64url'), settings: DEFAULT_SITE_SETTINGS });
      return reply.code(201).send(publicSite(site));
    },
  );

  app.patch(
    '/api/sites/:id',
    { schema: { tags: ['sites'], params: Type.Object({ id: Id }), body: SiteUpdateBody, response: withErrors({ 200: Site }) }, preHandler: app.requireAdmin },
    async (req) => {
      const site = await store.sites.byId(req.params.id);
      if (!site) throw new DomainError('not_found', 'No such site.');
      const { settings, ...rest } = req.body;
      const updated = await store.sites.update(site.id, { ...rest, ...(settings ? { settings: { ...site.settings, ...settings } } : {}) });
      // Open widgets follow at once (colour, greeting, typing preview and its notice), without a reload.
      app.services.notifier.toSiteVisitors(site.id, 'site:update', { name: updated!.name, settings: updated!.settings });
      return publicSite(updated!);
    },
  );
};
export default routes;
