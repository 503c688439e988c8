import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import { num } from './sql-util.js';
import type { Store } from './store.js';

/** One-use links that bring a visitor back to their conversation from an email. */
export function resumeLinksRepo(db: Kysely<Database>): Store['resumeLinks'] {
  const resumeLinks: Store['resumeLinks'] = {
    create: async (input) => {
      await db
        .insertInto('resume_links')
        .values({ id: input.id, visitor_id: input.visitorId, conversation_id: input.conversationId, expires_at: input.expiresAt, used_at: null, created_at: input.createdAt })
        .execute();
    },
    byId: async (id) => {
      const r = await db.selectFrom('resume_links').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, visitorId: r.visitor_id, conversationId: r.conversation_id, expiresAt: num(r.expires_at), usedAt: r.used_at === null ? null : num(r.used_at) } : null;
    },
    spend: async (id, now) => {
      const r = await db.updateTable('resume_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
  return resumeLinks;
}
