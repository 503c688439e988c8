import type { Kysely } from 'kysely';

/**
 * When the "an agent replied" email to a visitor who left is due: in the database, so that a process that stops
 * before the delay is over loses nothing, and any process may send it (once: the claim is conditional).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('reply_email_due_at', 'bigint').execute();
  await db.schema.createIndex('conversations_reply_email_due').on('conversations').column('reply_email_due_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_reply_email_due').execute();
  await db.schema.alterTable('conversations').dropColumn('reply_email_due_at').execute();
}
