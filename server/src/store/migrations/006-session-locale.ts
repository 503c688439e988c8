import type { Kysely } from 'kysely';

/**
 * What the widget reports of the visitor: their IANA time zone, and the language the shop's page chose for them
 * (its script's `causette('language')`), so that emails give times and words as the visitor reads them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('sessions').addColumn('widget_language', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('widget_language').execute();
  await db.schema.alterTable('sessions').dropColumn('time_zone').execute();
}
