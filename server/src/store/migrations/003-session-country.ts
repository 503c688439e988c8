import type { Kysely } from 'kysely';

/** The visitor's country, when a proxy or CDN in front of Causette sends one in a header. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('country', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('country').execute();
}
