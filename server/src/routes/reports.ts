import { CsatReport, Id } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { DomainError } from '../domain/errors.js';
import { withErrors } from './schemas.js';

const DAY = 86_400_000;
/** Enough rows for a period's figures on any shop this process serves; the report says when it is capped. */
const MAX_RATED = 10_000;

/** Reports for supervisors and admins: how visitors rated their chats (CSAT). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.services;

  app.get(
    '/api/reports/csat',
    {
      preHandler: app.requireAgent,
      schema: {
        tags: ['reports'],
        querystring: Type.Object(
          { siteId: Type.Optional(Id), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CsatReport }),
      },
    },
    async (req) => {
      const agent = req.agent!;
      if (agent.role !== 'admin' && agent.role !== 'supervisor') throw new DomainError('forbidden', 'Only supervisors and admins see reports.');
      const mine = await siteIdsFor(store, agent);
      if (req.query.siteId && !mine.includes(req.query.siteId)) throw new DomainError('not_found', 'No such site.');
      const siteIds = req.query.siteId ? [req.query.siteId] : mine;
      const to = Date.now();
      const from = to - (req.query.days ?? 30) * DAY;
      const rated = await store.conversations.rated(siteIds, from, to + 1, MAX_RATED);
      const distribution = [0, 0, 0, 0, 0];
      const agents = new Map<string, { name: string; sum: number; count: number }>();
      let sum = 0;
      for (const c of rated) {
        const score = c.rating!.score;
        distribution[score - 1]! += 1;
        sum += score;
        if (c.assigneeId) {
          const a = agents.get(c.assigneeId) ?? { name: c.assigneeName ?? '', sum: 0, count: 0 };
          a.sum += score;
          a.count += 1;
          agents.set(c.assigneeId, a);
        }
      }
      const count = rated.length;
      const round1 = (n: number) => Math.round(n * 10) / 10;
      return {
        from,
        to,
        count,
        capped: count >= MAX_RATED,
        average: count ? round1(sum / count) : null,
        distribution,
        satisfiedPercent: count ? Math.round(((distribution[3]! + distribution[4]!) / count) * 100) : null,
        byAgent: [...agents.entries()]
          .map(([agentId, a]) => ({ agentId, name: a.name, count: a.count, average: round1(a.sum / a.count) }))
          .sort((x, y) => y.count - x.count),
        recent: rated.slice(0, 50),
      };
    },
  );
};
export default routes;
