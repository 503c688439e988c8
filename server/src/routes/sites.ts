import { randomBytes } from 'node:crypto';
import { Id, isTimeZone, Site, SiteCreateBody, SiteUpdateBody, type BusinessHours, type SiteSettings, type SiteUpdateBody as SiteUpdate } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { auditTarget } from '../domain/audit.js';
import { snapshot } from '../domain/audit-changes.js';
import { DEFAULT_SITE_SETTINGS } from '../domain/bootstrap.js';
import { DomainError } from '../domain/errors.js';
import type { SiteWithSecret } from '../store/store.js';
import { withErrors } from './schemas.js';

/** The identity secret never leaves through the sites API. */
export function publicSite({ secret: _secret, ...site }: SiteWithSecret): Site {
  return site;
}

/** What the schema cannot say: a real time zone, windows that open before they close. */
export function checkHours(hours: BusinessHours | null | undefined, path: string): void {
  if (!hours) return;
  if (!isTimeZone(hours.timeZone)) throw new DomainError('bad_request', `${path}.timeZone: "${hours.timeZone}" is not a known time zone.`);
  hours.windows.forEach((w, i) => {
    if (w.open >= w.close) throw new DomainError('bad_request', `${path}.windows[${i}]: opens at ${w.open} but closes at ${w.close}.`);
  });
}

/** Pre-chat fields need distinct ids, and a choice list needs choices. */
function checkSettings(settings: NonNullable<SiteUpdate['settings']>): void {
  checkHours(settings.hours, 'settings.hours');
  const fields = settings.prechat?.fields ?? [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.id)) throw new DomainError('bad_request', `settings.prechat.fields[${i}].id: "${f.id}" is used twice.`);
    seen.add(f.id);
    if (f.type === 'select' && !f.options?.length) throw new DomainError('bad_request', `settings.prechat.fields[${i}].options: a choice list needs at least one choice.`);
  });
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.services;

  app.get(
    '/api/sites',
    { schema: { tags: ['sites'], response: withErrors({ 200: Type.Object({ items: Type.Array(Site) }) }) }, config: { capability: 'sites.read' } },
    async (req) => {
      const ids = await siteIdsFor(store, req.agent!);
      return { items: (await store.sites.list()).filter((s) => ids.includes(s.id)).map(publicSite) };
    },
  );

  app.post(
    '/api/sites',
    { schema: { tags: ['sites'], body: SiteCreateBody, response: withErrors({ 201: Site }) }, config: { capability: 'sites.manage' } },
    async (req, reply) => {
      const site = await store.sites.create({ ...req.body, key: randomBytes(9).toString('base64url'), settings: DEFAULT_SITE_SETTINGS });
      await req.audit.record('site.created', auditTarget.site(site), snapshot(site, ['allowedOrigins']));
      return reply.code(201).send(publicSite(site));
    },
  );

  app.patch(
    '/api/sites/:id',
    { schema: { tags: ['sites'], params: Type.Object({ id: Id }), body: SiteUpdateBody, response: withErrors({ 200: Site }) }, config: { capability: 'sites.manage' } },
    async (req) => {
      const site = await store.sites.byId(req.params.id);
      if (!site) throw new DomainError('not_found', 'No such site.');
      const { settings, ...rest } = req.body;
      if (settings) checkSettings(settings);
      let merged: SiteSettings | undefined;
      if (settings) {
        const { hours, position, ...others } = settings;
        merged = { ...site.settings, ...others };
        if (hours === null) delete merged.hours;
        else if (hours !== undefined) merged.hours = hours;
        if (position === null) delete merged.position;
        else if (position !== undefined) merged.position = position;
      }
      const updated = await store.sites.update(site.id, { ...rest, ...(merged ? { settings: merged } : {}) });
      await req.audit.siteChanged(site, updated!);
      // Hours changed: whether the widget offers a chat or the leave-a-message form may have changed with them.
      if (settings && 'hours' in settings) await app.services.chat.announceAvailability(site.id);
      // Open widgets follow at once (colour, greeting, typing preview and its notice), without a reload.
      app.services.notifier.toSiteVisitors(site.id, 'site:update', { name: updated!.name, settings: updated!.settings });
      return publicSite(updated!);
    },
  );
};
export default routes;
