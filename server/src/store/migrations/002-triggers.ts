import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('triggers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    // Conditions, variants and controls: read and written whole, validated by the shared schema.
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triggers_site').on('triggers').column('site_id').execute();

  await db.schema
    .createTable('impressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger_id', 'text', (c) => c.notNull().references('triggers.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('shown_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_at', 'bigint')
    .addColumn('dismissed_at', 'bigint')
    .addColumn('conversation_id', 'text')
    .addColumn('converted_at', 'bigint')
    .addColumn('conversion_value', 'double precision')
    .execute();
  await db.schema.createIndex('impressions_visitor').on('impressions').columns(['visitor_id', 'shown_at']).execute();
  await db.schema.createIndex('impressions_trigger').on('impressions').columns(['trigger_id', 'shown_at']).execute();

  await db.schema.alterTable('conversations').addColumn('impression_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('impression_id').execute();
  await db.schema.dropTable('impressions').execute();
  await db.schema.dropTable('triggers').execute();
}
