/**
 * One store for both dialects through Kysely: it builds one repository per noun (each in its own file) and keeps
 * what concerns the database as a whole: migrations, health, closing, export and import.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { agentsRepo } from './agents-repo.js';
import { attachmentsRepo } from './attachments-repo.js';
import { auditRepo } from './audit-repo.js';
import { authSessionsRepo } from './auth-sessions-repo.js';
import { cannedRepo } from './canned-repo.js';
import { conversationsRepo } from './conversations-repo.js';
import type { Database } from './db-types.js';
import { GroupCommit } from './group-commit.js';
import { impressionsRepo } from './impressions-repo.js';
import { messagesRepo } from './messages-repo.js';
import { migrationProvider } from './migrations/index.js';
import { privacyRepo } from './privacy-repo.js';
import { resumeLinksRepo } from './resume-links-repo.js';
import { securitySettingsRepo } from './security-settings-repo.js';
import { sessionsRepo } from './sessions-repo.js';
import { sitesRepo } from './sites-repo.js';
import type { Store } from './store.js';
import { teamsRepo } from './teams-repo.js';
import { triggersRepo } from './triggers-repo.js';
import { twoFactorRepo } from './two-factor-repo.js';
import { visitorsRepo } from './visitors-repo.js';

export class SqlStore implements Store {
  private readonly appends: GroupCommit;
  /** Counts for tests and diagnosis: group commits and the appends in them. */
  readonly groupCommit: GroupCommit['counts'];

  readonly sites: Store['sites'];
  readonly agents: Store['agents'];
  readonly visitors: Store['visitors'];
  readonly sessions: Store['sessions'];
  readonly conversations: Store['conversations'];
  readonly messages: Store['messages'];
  readonly triggers: Store['triggers'];
  readonly impressions: Store['impressions'];
  readonly privacy: Store['privacy'];
  readonly teams: Store['teams'];
  readonly attachments: Store['attachments'];
  readonly resumeLinks: Store['resumeLinks'];
  readonly canned: Store['canned'];
  readonly authSessions: Store['authSessions'];
  readonly twoFactor: Store['twoFactor'];
  readonly securitySettings: Store['securitySettings'];
  readonly audit: Store['audit'];

  constructor(
    private readonly db: Kysely<Database>,
    /** PostgreSQL schema the tables live in, when not the default one. */
    private readonly schema?: string,
    dialect: 'sqlite' | 'postgres' = 'sqlite',
  ) {
    this.appends = new GroupCommit(db);
    this.groupCommit = this.appends.counts;
    this.sites = sitesRepo(db);
    this.agents = agentsRepo(db);
    this.visitors = visitorsRepo(db);
    this.sessions = sessionsRepo(db);
    this.conversations = conversationsRepo(db, dialect);
    this.messages = messagesRepo(db, dialect, this.appends);
    this.triggers = triggersRepo(db);
    this.impressions = impressionsRepo(db);
    this.privacy = privacyRepo(db);
    this.teams = teamsRepo(db);
    this.attachments = attachmentsRepo(db);
    this.resumeLinks = resumeLinksRepo(db);
    this.canned = cannedRepo(db);
    this.authSessions = authSessionsRepo(db);
    this.twoFactor = twoFactorRepo(db);
    this.securitySettings = securitySettingsRepo(db);
    this.audit = auditRepo(db);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider,
      ...(this.schema ? { migrationTableSchema: this.schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  }

  async close(): Promise<void> {
    // Appends waiting for their group commit are written (and answered) first.
    while (this.appends.busy) await new Promise((r) => setImmediate(r));
    await this.db.destroy();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Parents before children, so that an import satisfies every foreign key as it goes. */
  static readonly TABLES = [
    'meta',
    'sites',
    'agents',
    'site_agents',
    'auth_sessions',
    'visitors',
    'sessions',
    'page_views',
    'events',
    'conversations',
    'messages',
    'canned_responses',
    'triggers',
    'impressions',
    'teams',
    'team_members',
    'attachments',
    'resume_links',
    'two_factor',
    'recovery_codes',
    'login_tickets',
    'audit_log',
  ] as const;

  async *exportRows(): AsyncIterable<{ table: string; row: Record<string, unknown> }> {
    for (const table of SqlStore.TABLES) {
      // Small tables without an id column come whole; the rest in keyset pages, so memory stays flat.
      if (table === 'meta' || table === 'site_agents' || table === 'two_factor') {
        for (const row of await this.db.selectFrom(table).selectAll().execute()) yield { table, row };
        continue;
      }
      let last: string | null = null;
      for (;;) {
        let q = this.db.selectFrom(table as 'sites').selectAll().orderBy('id').limit(1000);
        if (last !== null) q = q.where('id', '>', last);
        const rows = await q.execute();
        for (const row of rows) yield { table, row: row as Record<string, unknown> };
        if (rows.length < 1000) break;
        last = rows.at(-1)!.id;
      }
    }
  }

  async importRows(rows: AsyncIterable<{ table: string; row: Record<string, unknown> }>): Promise<number> {
    const known = new Set<string>(SqlStore.TABLES);
    let count = 0;
    await this.db.transaction().execute(async (trx) => {
      for await (const { table, row } of rows) {
        if (!known.has(table)) throw new Error(`unknown table in import: ${table}`);
        await trx.insertInto(table as 'sites').values(row as never).execute();
        count++;
      }
    });
    return count;
  }

  async metaGetOrInit(key: string, fallback: () => string): Promise<string> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    if (row) return row.value;
    await this.db.insertInto('meta').values({ key, value: fallback() }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const stored = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return stored.value;
  }
}
