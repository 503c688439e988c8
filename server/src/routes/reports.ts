import { CsatReport, Id } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { DomainError } from '../domain/errors.js';
import { withErrors } from './schemas.js';

const DAY = 86_400_000;

/** Reports for supervisors and admins: how visitors rated their chats (CSAT). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.services;

  app.get(
    '/api/reports/csat',
    {
      config: { capability: 'reports.read' },
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
      const mine = await siteIdsFor(store, agent);
      if (req.query.siteId && !mine.includes(req.query.siteId)) throw new DomainError('not_found', 'No such site.');
      const siteIds = req.query.siteId ? [req.query.siteId] : mine;
      const to = Date.now();
      const from = to - (req.query.days ?? 30) * DAY;
      // The figures are counted by the database, however many ratings the period holds; only the latest 50 are read.
      const [counts, recent] = await Promise.all([store.conversations.ratingCounts(siteIds, from, to + 1), store.conversations.rated(siteIds, from, to + 1, 50)]);
      const distribution = [0, 0, 0, 0, 0];
      const agents = new Map<string, { name: string; sum: number; count: number }>();
      let sum = 0;
      let count = 0;
      for (const c of counts) {
        if (c.score < 1 || c.score > 5) continue;
        distribution[c.score - 1]! += c.count;
        sum += c.score * c.count;
        count += c.count;
        if (c.assigneeId) {
          const a = agents.get(c.assigneeId) ?? { name: c.assigneeName ?? '', sum: 0, count: 0 };
          a.sum += c.score * c.count;
          a.count += c.count;
          agents.set(c.assigneeId, a);
        }
      }
      const round1 = (n: number) => Math.round(n * 10) / 10;
      return {
        from,
        to,
        count,
        average: count ? round1(sum / count) : null,
        distribution,
        satisfiedPercent: count ? Math.round(((distribution[3]! + distribution[4]!) / count) * 100) : null,
        byAgent: [...agents.entries()]
          .map(([agentId, a]) => ({ agentId, name: a.name, count: a.count, average: round1(a.sum / a.count) }))
          .sort((x, y) => y.count - x.count),
        recent,
      };
    },
  );
};
export default routes;
