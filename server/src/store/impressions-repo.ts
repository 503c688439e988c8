import { type Kysely, sql } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database } from './db-types.js';
import { toImpression } from './row-mappers.js';
import { num } from './sql-util.js';
import type { Store } from './store.js';

/** Impressions of triggers, and the funnel from shown to converted that the trigger stats read. */
export function impressionsRepo(db: Kysely<Database>): Store['impressions'] {
  const impressions: Store['impressions'] = {
    create: async (input) => {
      const row = {
        id: newId(),
        trigger_id: input.triggerId,
        site_id: input.siteId,
        visitor_id: input.visitorId,
        session_id: input.sessionId,
        variant: input.variant,
        shown_at: input.shownAt,
        opened_at: null,
        dismissed_at: null,
        conversation_id: null,
        converted_at: null,
        conversion_value: null,
      };
      await db.insertInto('impressions').values(row).execute();
      return toImpression(row);
    },
    byId: async (id) => {
      const r = await db.selectFrom('impressions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toImpression(r) : null;
    },
    forVisitor: async (visitorId, limit) =>
      (await db.selectFrom('impressions').selectAll().where('visitor_id', '=', visitorId).orderBy('shown_at', 'desc').limit(limit).execute()).map(toImpression),
    markOpened: async (id, at) => {
      await db.updateTable('impressions').set({ opened_at: at }).where('id', '=', id).where('opened_at', 'is', null).execute();
    },
    markDismissed: async (id, at) => {
      await db.updateTable('impressions').set({ dismissed_at: at }).where('id', '=', id).where('dismissed_at', 'is', null).execute();
    },
    attachConversation: async (id, conversationId) => {
      await db.updateTable('impressions').set({ conversation_id: conversationId }).where('id', '=', id).where('conversation_id', 'is', null).execute();
    },
    convert: async (id, at, value) => {
      const r = await db
        .updateTable('impressions')
        .set({ converted_at: at, conversion_value: value })
        .where('id', '=', id)
        .where('converted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    funnel: async (triggerId, since) => {
      const rows = await db
        .selectFrom('impressions')
        .select((eb) => [
          'variant',
          eb.fn.countAll<number>().as('impressions'),
          eb.fn.count<number>('opened_at').as('opened'),
          eb.fn.count<number>('conversation_id').as('conversations'),
          eb.fn.count<number>('converted_at').as('conversions'),
          eb.fn.coalesce(eb.fn.sum<number>('conversion_value'), sql<number>`0`).as('revenue'),
        ])
        .where('trigger_id', '=', triggerId)
        .where('shown_at', '>=', since)
        .groupBy('variant')
        .orderBy('variant')
        .execute();
      return rows.map((r) => ({
        variant: r.variant,
        impressions: num(r.impressions),
        opened: num(r.opened),
        conversations: num(r.conversations),
        conversions: num(r.conversions),
        revenue: num(r.revenue),
      }));
    },
    daily: async (triggerId, since) => {
      const rows = await db
        .selectFrom('impressions')
        .select(['shown_at', 'conversation_id', 'converted_at'])
        .where('trigger_id', '=', triggerId)
        .where('shown_at', '>=', since)
        .execute();
      return rows.map((r) => ({ shownAt: num(r.shown_at), conversation: r.conversation_id !== null, converted: r.converted_at !== null }));
    },
  };
  return impressions;
}
