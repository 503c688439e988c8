import { sql, type Kysely } from 'kysely';

/**
 * Two-factor sign-in and visible sessions: each agent's TOTP secret (encrypted) and the last time step a code
 * was accepted for (replay), single-use recovery codes (hashed), short-lived tickets between the password and
 * the code, and what a sign-in came from and when it was last used (the sessions list, idle timeout).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('two_factor')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'bigint')
    .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addUniqueConstraint('recovery_codes_agent_hash', ['agent_id', 'code_hash'])
    .execute();
  await db.schema
    .createTable('login_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('auth_sessions').addColumn('user_agent', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('auth_sessions').addColumn('ip', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('auth_sessions').addColumn('last_seen_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE auth_sessions SET last_seen_at = created_at`.execute(db);
  await db.schema.createIndex('auth_sessions_agent').on('auth_sessions').column('agent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('auth_sessions_agent').execute();
  for (const column of ['last_seen_at', 'ip', 'user_agent']) await db.schema.alterTable('auth_sessions').dropColumn(column).execute();
  for (const table of ['login_tickets', 'recovery_codes', 'two_factor']) await db.schema.dropTable(table).execute();
}
