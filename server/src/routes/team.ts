import { AgentRole, AgentStatus, Id } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { DomainError } from '../domain/errors.js';
import { withErrors } from './schemas.js';

const TeamMember = Type.Object({
  id: Id,
  name: Type.String(),
  role: AgentRole,
  status: AgentStatus,
  capacity: Type.Integer(),
  /** Open conversations assigned now. */
  active: Type.Integer(),
  /** Connected to the console right now. */
  online: Type.Boolean(),
});

/** Who works on a site, with their load: for transfers and, later, the supervisor view. Any agent may read it. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, notifier } = app.services;
  app.get(
    '/api/team',
    {
      config: { capability: 'team.load' },
      schema: {
        tags: ['agents'],
        querystring: Type.Object({ siteId: Id }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(TeamMember) }) }),
      },
    },
    async (req) => {
      const { siteId } = req.query;
      if (!(await siteIdsFor(store, req.agent!)).includes(siteId)) throw new DomainError('not_found', 'No such site.');
      const [agents, counts, online] = await Promise.all([store.agents.list(), store.conversations.openCounts([siteId]), notifier.agentsOnline(siteId)]);
      const members = agents.filter((a) => !a.disabled && (a.role === 'admin' || a.siteIds.includes(siteId)));
      return {
        items: members.map((a) => ({
          id: a.id,
          name: a.name,
          role: a.role,
          status: a.status,
          capacity: a.capacity,
          active: counts.get(a.id) ?? 0,
          online: online.includes(a.id),
        })),
      };
    },
  );
};
export default routes;
