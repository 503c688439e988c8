import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import { num } from './sql-util.js';
import type { Store } from './store.js';

/** Uploaded files' records; the bytes live in the file store. */
export function attachmentsRepo(db: Kysely<Database>): Store['attachments'] {
  const attachments: Store['attachments'] = {
    create: async (a) => {
      await db
        .insertInto('attachments')
        .values({
          id: a.id,
          site_id: a.siteId,
          uploader: a.uploader,
          uploader_id: a.uploaderId,
          visitor_id: a.visitorId,
          conversation_id: a.conversationId,
          message_id: a.messageId,
          name: a.name,
          content_type: a.contentType,
          size: a.size,
          width: a.width,
          height: a.height,
          created_at: a.createdAt,
        })
        .execute();
    },
    byId: async (id) => {
      const r = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      return {
        id: r.id,
        siteId: r.site_id,
        uploader: r.uploader as 'visitor' | 'agent',
        uploaderId: r.uploader_id,
        visitorId: r.visitor_id,
        conversationId: r.conversation_id,
        messageId: r.message_id,
        name: r.name,
        contentType: r.content_type,
        size: num(r.size),
        width: r.width,
        height: r.height,
        createdAt: num(r.created_at),
      };
    },
    attachToMessage: async (id, to) => {
      const r = await db
        .updateTable('attachments')
        .set({ conversation_id: to.conversationId, message_id: to.messageId, visitor_id: to.visitorId })
        .where('id', '=', id)
        .where('message_id', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    idsForVisitor: async (visitorId) =>
      (await db.selectFrom('attachments').select('id').where('visitor_id', '=', visitorId).execute()).map((r) => r.id),
    idsResolvedBefore: async (siteId, before) =>
      (
        await db
          .selectFrom('attachments')
          .select('id')
          .where(
            'conversation_id',
            'in',
            db.selectFrom('conversations').select('id').where('site_id', '=', siteId).where('status', '=', 'resolved').where('resolved_at', '<', before),
          )
          .execute()
      ).map((r) => r.id),
    idsUnsentBefore: async (before) =>
      (await db.selectFrom('attachments').select('id').where('message_id', 'is', null).where('created_at', '<', before).execute()).map((r) => r.id),
    delete: async (ids) => {
      if (ids.length) await db.deleteFrom('attachments').where('id', 'in', ids).execute();
    },
  };
  return attachments;
}
