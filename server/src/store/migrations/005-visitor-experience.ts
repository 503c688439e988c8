import type { Kysely } from 'kysely';

/**
 * The visitor experience: ratings (CSAT), pre-chat answers, delivery receipts, attachments, email resume links
 * and reply notifications, team opening hours.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const conv = () => db.schema.alterTable('conversations');
  await conv().addColumn('rating_score', 'integer').execute();
  await conv().addColumn('rating_comment', 'text').execute();
  await conv().addColumn('rated_at', 'bigint').execute();
  /** JSON object of the pre-chat form's custom answers, by field id. */
  await conv().addColumn('fields', 'text').execute();
  await conv().addColumn('agent_delivered_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await conv().addColumn('visitor_delivered_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  /** When the visitor was last emailed about a reply they had not seen (one email per burst of replies). */
  await conv().addColumn('visitor_notified_at', 'bigint').execute();
  await db.schema.createIndex('conversations_rated').on('conversations').columns(['site_id', 'rated_at']).execute();

  /** JSON of the message's attachment (id, name, size, content type, pixel size). */
  await db.schema.alterTable('messages').addColumn('attachment', 'text').execute();
  await db.schema.alterTable('teams').addColumn('hours', 'text').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** Who uploaded it: `visitor` or `agent`, and their id. */
    .addColumn('uploader', 'text', (c) => c.notNull())
    .addColumn('uploader_id', 'text', (c) => c.notNull())
    /** The visitor the file belongs to (theirs, or sent to them): erased with them. */
    .addColumn('visitor_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_visitor').on('attachments').column('visitor_id').execute();
  await db.schema.createIndex('attachments_conversation').on('attachments').column('conversation_id').execute();

  await db.schema
    .createTable('resume_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resume_links').execute();
  await db.schema.dropTable('attachments').execute();
  await db.schema.alterTable('teams').dropColumn('hours').execute();
  await db.schema.alterTable('messages').dropColumn('attachment').execute();
  await db.schema.dropIndex('conversations_rated').execute();
  for (const column of ['visitor_notified_at', 'visitor_delivered_seq', 'agent_delivered_seq', 'fields', 'rated_at', 'rating_comment', 'rating_score']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
}
