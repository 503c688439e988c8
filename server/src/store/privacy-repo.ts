import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import type { Store } from './store.js';

/** A visitor's data as a whole: exported, erased, or purged past retention. */
export function privacyRepo(db: Kysely<Database>): Store['privacy'] {
  const privacy: Store['privacy'] = {
    exportVisitor: async (visitorId) => {
      const visitor = await db.selectFrom('visitors').selectAll().where('id', '=', visitorId).execute();
      if (!visitor.length) return null;
      const conversations = await db.selectFrom('conversations').selectAll().where('visitor_id', '=', visitorId).orderBy('created_at').execute();
      const ids = conversations.map((c) => c.id);
      const [sessions, pageViews, events, impressions, messages, attachments] = await Promise.all([
        db.selectFrom('sessions').selectAll().where('visitor_id', '=', visitorId).orderBy('started_at').execute(),
        db.selectFrom('page_views').selectAll().where('visitor_id', '=', visitorId).orderBy('at').execute(),
        db.selectFrom('events').selectAll().where('visitor_id', '=', visitorId).orderBy('at').execute(),
        db.selectFrom('impressions').selectAll().where('visitor_id', '=', visitorId).orderBy('shown_at').execute(),
        ids.length ? db.selectFrom('messages').selectAll().where('conversation_id', 'in', ids).orderBy('conversation_id').orderBy('seq').execute() : [],
        // The files' records (name, type, size, where sent); the bytes are at each one's /files/<id>.
        db.selectFrom('attachments').selectAll().where('visitor_id', '=', visitorId).orderBy('created_at').execute(),
      ]);
      return { visitor, sessions, pageViews, events, conversations, messages, impressions, attachments } as Record<string, Array<Record<string, unknown>>>;
    },
    deleteVisitor: async (visitorId) =>
      db.transaction().execute(async (trx) => {
        // Children first and explicitly: the same on both databases, whatever their foreign-key settings.
        const ids = (await trx.selectFrom('conversations').select('id').where('visitor_id', '=', visitorId).execute()).map((c) => c.id);
        if (ids.length) await trx.deleteFrom('messages').where('conversation_id', 'in', ids).execute();
        await trx.deleteFrom('impressions').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('conversations').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('page_views').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('events').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('sessions').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('resume_links').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('attachments').where('visitor_id', '=', visitorId).execute();
        const r = await trx.deleteFrom('visitors').where('id', '=', visitorId).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      }),
    purge: async (siteId, before) =>
      db.transaction().execute(async (trx) => {
        const old = trx.selectFrom('conversations').select('id').where('site_id', '=', siteId).where('status', '=', 'resolved').where('resolved_at', '<', before);
        await trx.deleteFrom('messages').where('conversation_id', 'in', old).execute();
        await trx.updateTable('impressions').set({ conversation_id: null }).where('conversation_id', 'in', old).execute();
        const conversations = await trx.deleteFrom('conversations').where('site_id', '=', siteId).where('status', '=', 'resolved').where('resolved_at', '<', before).executeTakeFirst();
        const visitorsOfSite = trx.selectFrom('visitors').select('id').where('site_id', '=', siteId);
        const pageViews = await trx.deleteFrom('page_views').where('visitor_id', 'in', visitorsOfSite).where('at', '<', before).executeTakeFirst();
        const events = await trx.deleteFrom('events').where('visitor_id', 'in', visitorsOfSite).where('at', '<', before).executeTakeFirst();
        return { conversations: Number(conversations.numDeletedRows), pageViews: Number(pageViews.numDeletedRows), events: Number(events.numDeletedRows) };
      }),
  };
  return privacy;
}
