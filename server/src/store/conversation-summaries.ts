import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import type { Store } from './store.js';
import { summaryQuery, withLastMessages } from './summary-queries.js';

type Summaries = Pick<Store['conversations'], 'rated' | 'ratingCounts' | 'summaries' | 'summary'>;

/** The conversation reads that agents' lists and the ratings report make: summaries with their last message. */
export function conversationSummaries(db: Kysely<Database>): Summaries {
  return {
    rated: async (siteIds, from, to, limit) => {
      if (!siteIds.length) return [];
      const rows = await summaryQuery(db)
        .where('c.site_id', 'in', siteIds)
        .where('c.rated_at', '>=', from)
        .where('c.rated_at', '<', to)
        .orderBy('c.rated_at', 'desc')
        .limit(limit)
        .execute();
      return withLastMessages(db, rows);
    },
    ratingCounts: async (siteIds, from, to) => {
      if (!siteIds.length) return [];
      const rows = await db
        .selectFrom('conversations as c')
        .leftJoin('agents as a', 'a.id', 'c.assignee_id')
        .select(['c.assignee_id as assigneeId', 'a.name as assigneeName', 'c.rating_score as score'])
        .select((eb) => eb.fn.countAll().as('n'))
        .where('c.site_id', 'in', siteIds)
        .where('c.rated_at', '>=', from)
        .where('c.rated_at', '<', to)
        .where('c.rating_score', 'is not', null)
        .groupBy(['c.assignee_id', 'a.name', 'c.rating_score'])
        .execute();
      return rows.map((r) => ({ assigneeId: r.assigneeId, assigneeName: r.assigneeName ?? null, score: Number(r.score), count: Number(r.n) }));
    },
    summaries: async (filter) => {
      if (!filter.siteIds.length) return [];
      let q = summaryQuery(db).where('c.site_id', 'in', filter.siteIds);
      if (Array.isArray(filter.status)) q = q.where('c.status', 'in', filter.status);
      else if (filter.status) q = q.where('c.status', '=', filter.status);
      if (filter.assigneeId === null) q = q.where('c.assignee_id', 'is', null);
      else if (filter.assigneeId !== undefined) q = q.where('c.assignee_id', '=', filter.assigneeId);
      const rows = await q.orderBy('c.updated_at', 'desc').limit(filter.limit ?? 200).execute();
      return withLastMessages(db, rows);
    },
    summary: async (id) => {
      const rows = await summaryQuery(db).where('c.id', '=', id).execute();
      return (await withLastMessages(db, rows))[0] ?? null;
    },
  };
}
