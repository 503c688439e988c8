import { sql, type Kysely } from 'kysely';

/**
 * Teams with their own queues; when a chat was assigned and since when the visitor has waited for a reply
 * (for SLA reassignment and the supervisor view).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('teams_site_name', ['site_id', 'name'])
    .execute();
  await db.schema
    .createTable('team_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addUniqueConstraint('team_members_team_agent', ['team_id', 'agent_id'])
    .execute();
  // No foreign key: SQLite cannot add one to an existing table; deleting a team clears it in the same transaction.
  await db.schema.alterTable('conversations').addColumn('team_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('assigned_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('awaiting_since', 'bigint').execute();
  await sql`UPDATE conversations SET assigned_at = updated_at WHERE assignee_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('conversations_awaiting').on('conversations').columns(['status', 'awaiting_since']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_awaiting').execute();
  for (const column of ['awaiting_since', 'assigned_at', 'team_id']) await db.schema.alterTable('conversations').dropColumn(column).execute();
  await db.schema.dropTable('team_members').execute();
  await db.schema.dropTable('teams').execute();
}
