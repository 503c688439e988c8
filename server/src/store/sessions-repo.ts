import type { Kysely } from 'kysely';
import type { PageView } from '@causette/shared';
import { newId } from '../domain/ids.js';
import type { Database } from './db-types.js';
import { toSession } from './row-mappers.js';
import { num } from './sql-util.js';
import type { Store } from './store.js';

/** Visits, with the page views, behaviour events and cart that belong to them. */
export function sessionsRepo(db: Kysely<Database>): Store['sessions'] {
  const sessions: Store['sessions'] = {
    resumeOrStart: async ({ visitorId, siteId, userAgent, language, country = '', idleMs, now }) => {
      const last = await sessions.latest(visitorId);
      if (last && now - last.lastSeenAt < idleMs) {
        await db.updateTable('sessions').set({ last_seen_at: now, user_agent: userAgent, language, country }).where('id', '=', last.id).execute();
        return { ...last, lastSeenAt: now, userAgent, language, country };
      }
      const row = { id: newId(), visitor_id: visitorId, site_id: siteId, started_at: now, last_seen_at: now, user_agent: userAgent, language, cart: null, country, time_zone: '', widget_language: '' };
      await db.insertInto('sessions').values(row).execute();
      return toSession(row);
    },
    latest: async (visitorId) => {
      const r = await db
        .selectFrom('sessions')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toSession(r) : null;
    },
    count: async (visitorId) => {
      const r = await db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('visitor_id', '=', visitorId)
        .executeTakeFirstOrThrow();
      return num(r.n);
    },
    setLocale: async (sessionId, { timeZone, widgetLanguage }) => {
      await db.updateTable('sessions').set({ time_zone: timeZone, widget_language: widgetLanguage }).where('id', '=', sessionId).execute();
    },
    setCart: async (sessionId, cart, at) => {
      await db.updateTable('sessions').set({ cart: JSON.stringify(cart), last_seen_at: at }).where('id', '=', sessionId).execute();
    },
    addPageView: async (sessionId, visitorId, v) => {
      await db
        .insertInto('page_views')
        .values({ id: newId(), session_id: sessionId, visitor_id: visitorId, url: v.url, path: v.path, title: v.title, referrer: v.referrer, at: v.at })
        .execute();
      await db.updateTable('sessions').set({ last_seen_at: v.at }).where('id', '=', sessionId).execute();
    },
    pageViews: async (sessionId, limit) => {
      const rows = await db
        .selectFrom('page_views')
        .select(['url', 'path', 'title', 'referrer', 'at'])
        .where('session_id', '=', sessionId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map((r): PageView => ({ ...r, at: num(r.at) }));
    },
    events: async (visitorId, since, limit) => {
      const rows = await db
        .selectFrom('events')
        .select(['name', 'at'])
        .where('visitor_id', '=', visitorId)
        .where('at', '>=', since)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => ({ name: r.name, at: num(r.at) }));
    },
    addEvent: async (sessionId, visitorId, name, props, at) => {
      await db.insertInto('events').values({ id: newId(), session_id: sessionId, visitor_id: visitorId, name, props: JSON.stringify(props), at }).execute();
    },
  };
  return sessions;
}
