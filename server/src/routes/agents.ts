import { Agent, AgentCreateBody, AgentUpdateBody, Id } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditTarget } from '../domain/audit.js';
import { snapshot } from '../domain/audit-changes.js';
import { DomainError } from '../domain/errors.js';
import { visibleName } from '../domain/labels.js';
import { hashPassword } from '../domain/passwords.js';
import { publicAgent } from '../domain/mappers.js';
import { UniqueViolation } from '../store/store.js';
import { withErrors } from './schemas.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, auth, twoFactor } = app.services;
  const config = { capability: 'agents.manage' } as const;

  app.get('/api/agents', { config, schema: { tags: ['agents'], response: withErrors({ 200: Type.Object({ items: Type.Array(Agent) }) }) } }, async () => ({
    items: await store.agents.list(),
  }));

  app.post(
    '/api/agents',
    { config, schema: { tags: ['agents'], body: AgentCreateBody, response: withErrors({ 201: Agent, 409: Type.Ref('ErrorResponse') }) } },
    async (req, reply) => {
      const { password, siteIds, role, capacity, ...rest } = req.body;
      try {
        const agent = await store.agents.create({
          ...rest,
          name: visibleName(rest.name),
          passwordHash: await hashPassword(password),
          role: role ?? 'agent',
          capacity: capacity ?? 3,
          siteIds: siteIds ?? (await store.sites.list()).map((s) => s.id),
        });
        await req.audit.record('agent.created', auditTarget.agent(agent), snapshot(agent, ['role', 'capacity', 'siteIds']));
        return reply.code(201).send(agent);
      } catch (err) {
        if (err instanceof UniqueViolation) throw new DomainError('conflict', 'An agent with this email exists already.');
        throw err;
      }
    },
  );

  app.patch(
    '/api/agents/:id',
    { config, schema: { tags: ['agents'], params: Type.Object({ id: Id }), body: AgentUpdateBody, response: withErrors({ 200: Agent }) } },
    async (req) => {
      const { password, ...rest } = req.body;
      const before = await store.agents.byId(req.params.id);
      if (rest.name !== undefined) rest.name = visibleName(rest.name);
      const updated = await store.agents.update(req.params.id, { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) });
      if (!updated) throw new DomainError('not_found', 'No such agent.');
      await req.audit.agentChanged(publicAgent(before!), updated, Boolean(password));
      // Losing access or a password change ends every open sign-in of that agent at once.
      if (rest.disabled || password || rest.siteIds || rest.role) await auth.revokeAgent(updated.id, 'access_changed');
      return updated;
    },
  );

  app.post(
    '/api/agents/:id/sessions/revoke',
    { config, schema: { tags: ['agents'], summary: "End every sign-in of this agent; their open consoles close at once", params: Type.Object({ id: Id }), response: withErrors({ 204: Type.Null() }) } },
    async (req, reply) => {
      const agent = await store.agents.byId(req.params.id);
      if (!agent) throw new DomainError('not_found', 'No such agent.');
      await auth.revokeAgent(req.params.id, 'revoked');
      await req.audit.record('agent.sessions_ended', auditTarget.agent(publicAgent(agent)));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/agents/:id/two-factor',
    { config, schema: { tags: ['agents'], summary: 'Turn off the two-factor sign-in of an agent who lost their phone and recovery codes; ends their sign-ins', params: Type.Object({ id: Id }), response: withErrors({ 204: Type.Null() }) } },
    async (req, reply) => {
      const agent = await store.agents.byId(req.params.id);
      if (!agent) throw new DomainError('not_found', 'No such agent.');
      await twoFactor.disable(req.params.id);
      auth.emit({ type: 'two_factor_changed', agentId: req.params.id, change: 'reset_by_admin', by: req.agent!.id });
      await req.audit.record('agent.two_factor_reset', auditTarget.agent(publicAgent(agent)));
      await auth.revokeAgent(req.params.id, 'access_changed');
      return reply.code(204).send(null);
    },
  );
};
export default routes;
