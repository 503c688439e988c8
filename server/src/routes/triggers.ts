import { Id, Trigger, TriggerInput, TriggerStats, TriggerUpdate, VisitorContext, type Agent } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { auditTarget } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import { regexProblems } from '../domain/triggers/conditions.js';
import { withErrors } from './schemas.js';

const IdParams = Type.Object({ id: Id });

const TestState = Type.Partial(
  Type.Object({
    page: Type.Partial(Type.Object({ url: Type.String({ maxLength: 2048 }), path: Type.String({ maxLength: 2048 }), title: Type.String({ maxLength: 512 }) })),
    referrer: Type.String({ maxLength: 2048 }),
    utm: Type.Partial(Type.Object({ source: Type.String({ maxLength: 256 }), medium: Type.String({ maxLength: 256 }), campaign: Type.String({ maxLength: 256 }) })),
    device: Type.String({ maxLength: 32 }),
    language: Type.String({ maxLength: 35 }),
    country: Type.String({ maxLength: 8 }),
    visitorType: Type.Union([Type.Literal('new'), Type.Literal('returning')]),
    visitCount: Type.Integer({ minimum: 0 }),
    sessionPageViews: Type.Integer({ minimum: 0 }),
    timeOnPage: Type.Number({ minimum: 0 }),
    timeOnSite: Type.Number({ minimum: 0 }),
    scrollDepth: Type.Number({ minimum: 0, maximum: 100 }),
    idleTime: Type.Number({ minimum: 0 }),
    exitIntent: Type.Boolean(),
    cart: Type.Partial(Type.Object({ total: Type.Number({ minimum: 0 }), items: Type.Integer({ minimum: 0 }), skus: Type.Array(Type.String({ maxLength: 128 }), { maxItems: 200 }) })),
  }),
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, triggers } = app.services;
  const read = { capability: 'triggers.read' } as const;
  const manage = { capability: 'triggers.manage' } as const;

  const mustSeeSite = async (agent: Agent, siteId: string) => {
    if (!(await siteIdsFor(store, agent)).includes(siteId)) throw new DomainError('not_found', 'No such site.');
  };
  const validDefinition = (body: { conditions?: TriggerInput['conditions']; variants?: TriggerInput['variants'] }) => {
    const problems = body.conditions ? regexProblems(body.conditions) : [];
    if (body.variants) {
      const ids = body.variants.map((v) => v.id);
      if (new Set(ids).size !== ids.length) problems.push('variants: each variant needs its own id');
      if (body.variants.every((v) => v.weight === 0)) problems.push('variants: at least one variant needs a weight above 0');
    }
    if (problems.length) throw new DomainError('bad_request', problems.join('; '));
  };
  const teamOfSite = async (siteId: string, teamId: string | null | undefined) => {
    if (teamId && (await store.teams.byId(teamId))?.siteId !== siteId) throw new DomainError('bad_request', 'teamId: no such team on this site.');
  };
  const load = async (agent: Agent, id: string) => {
    const t = await store.triggers.byId(id);
    if (!t) throw new DomainError('not_found', 'No such trigger.');
    await mustSeeSite(agent, t.siteId);
    return t;
  };

  app.get(
    '/api/triggers',
    {
      config: read,
      schema: {
        tags: ['triggers'],
        querystring: Type.Object({ siteId: Id }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Trigger) }) }),
      },
    },
    async (req) => {
      await mustSeeSite(req.agent!, req.query.siteId);
      return { items: await store.triggers.list(req.query.siteId) };
    },
  );

  app.post('/api/triggers', { config: manage, schema: { tags: ['triggers'], body: TriggerInput, response: withErrors({ 201: Trigger }) } }, async (req, reply) => {
    await mustSeeSite(req.agent!, req.body.siteId);
    validDefinition(req.body);
    await teamOfSite(req.body.siteId, req.body.teamId);
    const created = await store.triggers.create(req.body);
    triggers.invalidate(created.siteId);
    await req.audit.record('trigger.created', auditTarget.trigger(created));
    return reply.code(201).send(created);
  });

  app.patch(
    '/api/triggers/:id',
    { config: manage, schema: { tags: ['triggers'], summary: 'Change a trigger; {status} pauses or resumes it', params: IdParams, body: TriggerUpdate, response: withErrors({ 200: Trigger }) } },
    async (req) => {
      const t = await load(req.agent!, req.params.id);
      validDefinition(req.body);
      await teamOfSite(t.siteId, req.body.teamId);
      const updated = await store.triggers.update(t.id, req.body);
      triggers.invalidate(t.siteId);
      await req.audit.triggerChanged(t, updated!);
      return updated!;
    },
  );

  app.delete('/api/triggers/:id', { config: manage, schema: { tags: ['triggers'], params: IdParams } }, async (req, reply) => {
    const t = await load(req.agent!, req.params.id);
    await store.triggers.delete(t.id);
    triggers.invalidate(t.siteId);
    await req.audit.record('trigger.deleted', auditTarget.trigger(t));
    return reply.code(204).send();
  });

  app.get(
    '/api/triggers/:id/stats',
    {
      config: read,
      schema: {
        tags: ['triggers'],
        summary: 'Funnel per variant (holdout included), uplift against the holdout, daily series',
        params: IdParams,
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }),
        response: withErrors({ 200: TriggerStats }),
      },
    },
    async (req) => {
      const t = await load(req.agent!, req.params.id);
      return triggers.stats(t.id, req.query.days ?? 30);
    },
  );

  app.post(
    '/api/triggers/test',
    {
      config: read,
      schema: {
        tags: ['triggers'],
        summary: "Which triggers would fire for a live visitor's state (or an edited one), and why",
        body: Type.Object({ siteId: Id, visitorId: Type.Optional(Id), state: Type.Optional(TestState) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      await mustSeeSite(req.agent!, req.body.siteId);
      return triggers.test(req.body.siteId, { visitorId: req.body.visitorId, state: req.body.state as never });
    },
  );

  app.get(
    '/api/visitors',
    {
      config: { capability: 'visitors.live' },
      schema: {
        tags: ['visitors'],
        summary: 'Visitors on the site now, with their live context',
        querystring: Type.Object({ siteId: Id }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(VisitorContext) }) }),
      },
    },
    async (req) => {
      await mustSeeSite(req.agent!, req.query.siteId);
      const ids = (await app.services.notifier.visitorsOnline(req.query.siteId)).slice(0, 200);
      return { items: await Promise.all(ids.map((id) => app.services.visitors.context(id))) };
    },
  );
};
export default routes;
