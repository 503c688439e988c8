/**
 * One store for both dialects through Kysely. Dialect differences are confined to `isUniqueViolation` and the
 * factory in `create-store.ts`.
 */
import { Kysely, Migrator, sql, type Selectable, type Transaction } from 'kysely';
import type { Agent, Attachment, BusinessHours, CannedResponse, Cart, ConversationStatus, ConversationSummary, Message, PageView, SiteSettings, Team, Trigger } from '@causette/shared';
import { newId } from '../domain/ids.js';
import { publicAgent, toAttachment, visitorLabel } from '../domain/mappers.js';
import type {
  AgentsTable,
  ConversationsTable,
  Database,
  ImpressionsTable,
  MessagesTable,
  SessionsTable,
  SitesTable,
  TeamsTable,
  TriggersTable,
  VisitorsTable,
} from './db-types.js';
import { auditRepo } from './audit-repo.js';
import { authSessionsRepo } from './auth-sessions-repo.js';
import { migrationProvider } from './migrations/index.js';
import { securitySettingsRepo } from './security-settings-repo.js';
import { twoFactorRepo } from './two-factor-repo.js';
import {
  UniqueViolation,
  type AgentWithSecret,
  type AppendedConversation,
  type ConversationFilter,
  type ConversationRecord,
  type ImpressionRecord,
  type NewMessage,
  type SessionRecord,
  type SiteWithSecret,
  type Store,
  type VisitorRecord,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;
type AppendResult = { message: Message; duplicate: boolean; after?: AppendedConversation };

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; pg: 23505
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

function toSite(r: Selectable<SitesTable>): SiteWithSecret {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    allowedOrigins: JSON.parse(r.allowed_origins) as string[],
    settings: JSON.parse(r.settings) as SiteSettings,
    secret: r.secret,
    createdAt: num(r.created_at),
  };
}
function toAgent(r: Selectable<AgentsTable>, siteIds: string[]): AgentWithSecret {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Agent['role'],
    status: r.status as Agent['status'],
    capacity: num(r.capacity),
    avatarUrl: r.avatar_url,
    disabled: num(r.disabled) === 1,
    siteIds,
    createdAt: num(r.created_at),
    passwordHash: r.password_hash,
  };
}
function toVisitor(r: Selectable<VisitorsTable>): VisitorRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    email: r.email,
    externalId: r.external_id,
    verified: num(r.verified) === 1,
    createdAt: num(r.created_at),
    lastSeenAt: num(r.last_seen_at),
  };
}
function toSession(r: Selectable<SessionsTable>): SessionRecord {
  return {
    id: r.id,
    visitorId: r.visitor_id,
    siteId: r.site_id,
    startedAt: num(r.started_at),
    lastSeenAt: num(r.last_seen_at),
    userAgent: r.user_agent,
    language: r.language,
    country: r.country ?? '',
    cart: r.cart ? (JSON.parse(r.cart) as Cart) : null,
    timeZone: r.time_zone ?? '',
    widgetLanguage: r.widget_language ?? '',
  };
}
/** A visitor's message starts the wait for a reply (if not waiting already); an agent's reply ends it. */
function awaitingAfter(input: NewMessage, now: number): { awaiting_since?: ReturnType<typeof sql<number>> | null } {
  if (input.author === 'visitor' && input.kind !== 'note') return { awaiting_since: sql`COALESCE(awaiting_since, ${now})` };
  if (input.author === 'agent' && (input.kind === 'text' || input.kind === 'attachment')) return { awaiting_since: null };
  return {};
}

function toConversation(r: Selectable<ConversationsTable>): ConversationRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    visitorId: r.visitor_id,
    status: r.status as ConversationStatus,
    assigneeId: r.assignee_id,
    teamId: r.team_id ?? null,
    assignedAt: r.assigned_at === null || r.assigned_at === undefined ? null : num(r.assigned_at),
    awaitingSince: r.awaiting_since === null || r.awaiting_since === undefined ? null : num(r.awaiting_since),
    lastSeq: num(r.last_seq),
    visitorReadSeq: num(r.visitor_read_seq),
    agentReadSeq: num(r.agent_read_seq),
    agentDeliveredSeq: num(r.agent_delivered_seq ?? 0),
    visitorDeliveredSeq: num(r.visitor_delivered_seq ?? 0),
    rating:
      r.rating_score === null || r.rating_score === undefined
        ? null
        : { score: num(r.rating_score), comment: r.rating_comment ?? null, ratedAt: num(r.rated_at) },
    fields: r.fields ? (JSON.parse(r.fields) as Record<string, string>) : {},
    visitorNotifiedAt: r.visitor_notified_at === null || r.visitor_notified_at === undefined ? null : num(r.visitor_notified_at),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}
function toTrigger(r: Selectable<TriggersTable>): Trigger {
  const definition = JSON.parse(r.definition) as Omit<Trigger, 'id' | 'siteId' | 'name' | 'status' | 'priority' | 'createdAt' | 'updatedAt'>;
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    status: r.status as Trigger['status'],
    priority: num(r.priority),
    ...definition,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}
function toImpression(r: Selectable<ImpressionsTable>): ImpressionRecord {
  const orNull = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return {
    id: r.id,
    triggerId: r.trigger_id,
    siteId: r.site_id,
    visitorId: r.visitor_id,
    sessionId: r.session_id,
    variant: r.variant,
    shownAt: num(r.shown_at),
    openedAt: orNull(r.opened_at),
    dismissedAt: orNull(r.dismissed_at),
    conversationId: r.conversation_id,
    convertedAt: orNull(r.converted_at),
  };
}
function toMessage(r: Selectable<MessagesTable>): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    seq: num(r.seq),
    clientId: r.client_id,
    author: r.author as Message['author'],
    authorId: r.author_id,
    authorName: r.author_name,
    kind: r.kind as Message['kind'],
    body: r.body,
    ...(r.attachment ? { attachment: toAttachment(JSON.parse(r.attachment) as Omit<Attachment, 'url'>) } : {}),
    createdAt: num(r.created_at),
  };
}

/** A conversation row with what its summary shows from other tables (joined, or read by sub-queries). */
type SummaryRow = Selectable<ConversationsTable> & {
  visitor_name: string | null;
  visitor_email: string | null;
  team_name: string | null;
  assignee_name: string | null;
  trigger_id: string | null;
  trigger_variant: string | null;
  trigger_name: string | null;
};

/** The one place a summary is made, whether from the join in `summaryQuery` or from the row an append returned. */
function toSummary(r: SummaryRow, lastMessage: Message | null): ConversationSummary {
  const c = toConversation(r);
  return {
    id: c.id,
    siteId: c.siteId,
    visitorId: c.visitorId,
    visitorName: visitorLabel({ id: c.visitorId, name: r.visitor_name }),
    status: c.status,
    assigneeId: c.assigneeId,
    assigneeName: r.assignee_name,
    lastSeq: c.lastSeq,
    agentReadSeq: c.agentReadSeq,
    visitorReadSeq: c.visitorReadSeq,
    visitorDeliveredSeq: c.visitorDeliveredSeq,
    lastMessage,
    startedBy: r.trigger_id ? { triggerId: r.trigger_id, triggerName: r.trigger_name ?? '', variant: r.trigger_variant ?? '' } : null,
    teamId: c.teamId,
    teamName: c.teamId ? r.team_name : null,
    awaitingSince: c.awaitingSince,
    visitorEmail: r.visitor_email,
    rating: c.rating,
    fields: c.fields,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/**
 * What an append's `UPDATE conversations … RETURNING` reads besides the row: the same columns `summaryQuery`
 * joins, as scalar sub-queries on primary keys (SQLite ≥ 3.35 and PostgreSQL both allow them in RETURNING), and
 * the assignee's avatar for the visitor's view.
 */
const appendReturning = [
  sql<number | boolean>`EXISTS (SELECT 1 FROM visitors v WHERE v.id = conversations.visitor_id)`.as('visitor_exists'),
  sql<string | null>`(SELECT v.name FROM visitors v WHERE v.id = conversations.visitor_id)`.as('visitor_name'),
  sql<string | null>`(SELECT v.email FROM visitors v WHERE v.id = conversations.visitor_id)`.as('visitor_email'),
  sql<string | null>`(SELECT a.name FROM agents a WHERE a.id = conversations.assignee_id)`.as('assignee_name'),
  sql<string | null>`(SELECT a.avatar_url FROM agents a WHERE a.id = conversations.assignee_id)`.as('assignee_avatar_url'),
  sql<string | null>`(SELECT i.trigger_id FROM impressions i WHERE i.id = conversations.impression_id)`.as('trigger_id'),
  sql<string | null>`(SELECT i.variant FROM impressions i WHERE i.id = conversations.impression_id)`.as('trigger_variant'),
  sql<string | null>`(SELECT t.name FROM impressions i INNER JOIN triggers t ON t.id = i.trigger_id WHERE i.id = conversations.impression_id)`.as('trigger_name'),
  sql<string | null>`(SELECT tm.name FROM teams tm WHERE tm.id = conversations.team_id)`.as('team_name'),
] as const;

export class SqlStore implements Store {
  constructor(
    private readonly db: Kysely<Database>,
    /** PostgreSQL schema the tables live in, when not the default one. */
    private readonly schema?: string,
    private readonly dialect: 'sqlite' | 'postgres' = 'sqlite',
  ) {
    this.authSessions = authSessionsRepo(db);
    this.twoFactor = twoFactorRepo(db);
    this.securitySettings = securitySettingsRepo(db);
    this.audit = auditRepo(db);
  }

  // Repositories in their own files, one per noun.
  readonly authSessions: Store['authSessions'];
  readonly twoFactor: Store['twoFactor'];
  readonly securitySettings: Store['securitySettings'];
  readonly audit: Store['audit'];

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
    while (this.appendsScheduled) await new Promise((r) => setImmediate(r));
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

  sites: Store['sites'] = {
    create: async (input) => {
      const row = {
        id: newId(),
        key: input.key,
        name: input.name,
        allowed_origins: JSON.stringify(input.allowedOrigins),
        settings: JSON.stringify(input.settings),
        secret: newId() + newId(),
        created_at: Date.now(),
      };
      try {
        await this.db.insertInto('sites').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('sites.key');
        throw err;
      }
      return toSite(row);
    },
    byKey: async (key) => {
      const r = await this.db.selectFrom('sites').selectAll().where('key', '=', key).executeTakeFirst();
      return r ? toSite(r) : null;
    },
    byId: async (id) => {
      const r = await this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSite(r) : null;
    },
    list: async () => (await this.db.selectFrom('sites').selectAll().orderBy('created_at').execute()).map(toSite),
    update: async (id, patch) => {
      const values: Partial<SitesTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.allowedOrigins !== undefined) values.allowed_origins = JSON.stringify(patch.allowedOrigins);
      if (patch.settings !== undefined) values.settings = JSON.stringify(patch.settings);
      if (Object.keys(values).length) await this.db.updateTable('sites').set(values).where('id', '=', id).execute();
      return this.sites.byId(id);
    },
  };

  private async siteIdsOf(db: Db, agentId: string): Promise<string[]> {
    const rows = await db.selectFrom('site_agents').select('site_id').where('agent_id', '=', agentId).execute();
    return rows.map((r) => r.site_id);
  }

  private async setSiteIds(db: Db, agentId: string, siteIds: string[]): Promise<void> {
    await db.deleteFrom('site_agents').where('agent_id', '=', agentId).execute();
    if (siteIds.length) {
      await db
        .insertInto('site_agents')
        .values([...new Set(siteIds)].map((site_id) => ({ site_id, agent_id: agentId })))
        .execute();
    }
  }

  agents: Store['agents'] = {
    create: async (input) => {
      const row: Selectable<AgentsTable> = {
        id: newId(),
        email: input.email.toLowerCase(),
        name: input.name,
        password_hash: input.passwordHash,
        role: input.role,
        status: 'offline',
        capacity: input.capacity,
        avatar_url: null,
        disabled: 0,
        created_at: Date.now(),
      };
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx.insertInto('agents').values(row).execute();
          await this.setSiteIds(trx, row.id, input.siteIds);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('agents.email');
        throw err;
      }
      return publicAgent(toAgent(row, input.siteIds));
    },
    byId: async (id) => {
      const r = await this.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAgent(r, await this.siteIdsOf(this.db, r.id)) : null;
    },
    byEmail: async (email) => {
      const r = await this.db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return r ? toAgent(r, await this.siteIdsOf(this.db, r.id)) : null;
    },
    list: async () => {
      const rows = await this.db.selectFrom('agents').selectAll().orderBy('created_at').execute();
      const links = await this.db.selectFrom('site_agents').selectAll().execute();
      return rows.map((r) =>
        publicAgent(
          toAgent(
            r,
            links.filter((l) => l.agent_id === r.id).map((l) => l.site_id),
          ),
        ),
      );
    },
    count: async () => {
      const r = await this.db.selectFrom('agents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return num(r.n);
    },
    update: async (id, patch) => {
      const values: Partial<AgentsTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.role !== undefined) values.role = patch.role;
      if (patch.status !== undefined) values.status = patch.status;
      if (patch.capacity !== undefined) values.capacity = patch.capacity;
      if (patch.disabled !== undefined) values.disabled = patch.disabled ? 1 : 0;
      if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
      await this.db.transaction().execute(async (trx) => {
        if (Object.keys(values).length) await trx.updateTable('agents').set(values).where('id', '=', id).execute();
        if (patch.siteIds) await this.setSiteIds(trx, id, patch.siteIds);
      });
      const agent = await this.agents.byId(id);
      return agent ? publicAgent(agent) : null;
    },
  };

  visitors: Store['visitors'] = {
    create: async (siteId) => {
      const now = Date.now();
      const row = { id: newId(), site_id: siteId, name: null, email: null, external_id: null, verified: 0, created_at: now, last_seen_at: now };
      await this.db.insertInto('visitors').values(row).execute();
      return toVisitor(row);
    },
    byId: async (id) => {
      const r = await this.db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toVisitor(r) : null;
    },
    touch: async (id, at) => {
      await this.db.updateTable('visitors').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    identify: async (id, patch) => {
      const values: Partial<VisitorsTable> = { verified: patch.verified ? 1 : 0 };
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.email !== undefined) values.email = patch.email;
      if (patch.externalId !== undefined) values.external_id = patch.externalId;
      await this.db.updateTable('visitors').set(values).where('id', '=', id).execute();
    },
  };

  sessions: Store['sessions'] = {
    resumeOrStart: async ({ visitorId, siteId, userAgent, language, country = '', idleMs, now }) => {
      const last = await this.sessions.latest(visitorId);
      if (last && now - last.lastSeenAt < idleMs) {
        await this.db.updateTable('sessions').set({ last_seen_at: now, user_agent: userAgent, language, country }).where('id', '=', last.id).execute();
        return { ...last, lastSeenAt: now, userAgent, language, country };
      }
      const row = { id: newId(), visitor_id: visitorId, site_id: siteId, started_at: now, last_seen_at: now, user_agent: userAgent, language, cart: null, country, time_zone: '', widget_language: '' };
      await this.db.insertInto('sessions').values(row).execute();
      return toSession(row);
    },
    latest: async (visitorId) => {
      const r = await this.db
        .selectFrom('sessions')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toSession(r) : null;
    },
    count: async (visitorId) => {
      const r = await this.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('visitor_id', '=', visitorId)
        .executeTakeFirstOrThrow();
      return num(r.n);
    },
    setLocale: async (sessionId, { timeZone, widgetLanguage }) => {
      await this.db.updateTable('sessions').set({ time_zone: timeZone, widget_language: widgetLanguage }).where('id', '=', sessionId).execute();
    },
    setCart: async (sessionId, cart, at) => {
      await this.db.updateTable('sessions').set({ cart: JSON.stringify(cart), last_seen_at: at }).where('id', '=', sessionId).execute();
    },
    addPageView: async (sessionId, visitorId, v) => {
      await this.db
        .insertInto('page_views')
        .values({ id: newId(), session_id: sessionId, visitor_id: visitorId, url: v.url, path: v.path, title: v.title, referrer: v.referrer, at: v.at })
        .execute();
      await this.db.updateTable('sessions').set({ last_seen_at: v.at }).where('id', '=', sessionId).execute();
    },
    pageViews: async (sessionId, limit) => {
      const rows = await this.db
        .selectFrom('page_views')
        .select(['url', 'path', 'title', 'referrer', 'at'])
        .where('session_id', '=', sessionId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map((r): PageView => ({ ...r, at: num(r.at) }));
    },
    events: async (visitorId, since, limit) => {
      const rows = await this.db
        .selectFrom('events')
        .select(['name', 'at'])
        .where('visitor_id', '=', visitorId)
        .where('at', '>=', since)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => ({ name: r.name, at: num(r.at) }));
    },
    addEvent: async (sessionId, visitorId, name, props, at) => {
      await this.db.insertInto('events').values({ id: newId(), session_id: sessionId, visitor_id: visitorId, name, props: JSON.stringify(props), at }).execute();
    },
  };

  conversations: Store['conversations'] = {
    byId: async (id) => {
      const r = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toConversation(r) : null;
    },
    openFor: async (visitorId) => {
      const r = await this.db
        .selectFrom('conversations')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .where('status', '<>', 'resolved')
        .executeTakeFirst();
      return r ? toConversation(r) : null;
    },
    latestFor: async (visitorId) => {
      const r = await this.db
        .selectFrom('conversations')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toConversation(r) : null;
    },
    openOrCreate: async (siteId, visitorId, now) => {
      const existing = await this.conversations.openFor(visitorId);
      if (existing) return { conversation: existing, created: false };
      const row = {
        id: newId(),
        site_id: siteId,
        visitor_id: visitorId,
        status: 'open',
        assignee_id: null,
        last_seq: 0,
        visitor_read_seq: 0,
        agent_read_seq: 0,
        created_at: now,
        updated_at: now,
        resolved_at: null,
        impression_id: null,
        team_id: null,
        assigned_at: null,
        awaiting_since: null,
        rating_score: null,
        rating_comment: null,
        rated_at: null,
        fields: null,
        agent_delivered_seq: 0,
        visitor_delivered_seq: 0,
        visitor_notified_at: null,
        reply_email_due_at: null,
      };
      try {
        await this.db.insertInto('conversations').values(row).execute();
        return { conversation: toConversation(row), created: true };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Another request started it first; the database kept exactly one.
        const winner = await this.conversations.openFor(visitorId);
        if (!winner) throw err;
        return { conversation: winner, created: false };
      }
    },
    assignWithinCapacity: async (id, agentId, capacity, now) => this.moveWithinCapacity(id, null, agentId, capacity, now),
    reassignWithinCapacity: async (id, fromAgentId, toAgentId, capacity, now) => this.moveWithinCapacity(id, fromAgentId, toAgentId, capacity, now),
    overdue: async (siteId, cutoff) => {
      const rows = await this.db
        .selectFrom('conversations')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('status', '=', 'open')
        .where('assignee_id', 'is not', null)
        .where('awaiting_since', '<=', cutoff)
        .orderBy('awaiting_since')
        .limit(500)
        .execute();
      return rows.map(toConversation);
    },
    setTeam: async (id, teamId, now) => {
      await this.db.updateTable('conversations').set({ team_id: teamId, updated_at: now }).where('id', '=', id).execute();
    },
    setStatus: async (id, status, now) => {
      await this.db.updateTable('conversations').set({ status, updated_at: now }).where('id', '=', id).where('status', '<>', 'resolved').execute();
    },
    queuedBefore: async (siteId, teamId, createdAt, id) => {
      const r = await this.db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', siteId)
        .where((eb) => (teamId === null ? eb('team_id', 'is', null) : eb('team_id', '=', teamId)))
        .where('status', '=', 'open')
        .where('assignee_id', 'is', null)
        // Chats created in the same millisecond are ordered by id, so every place in line is distinct.
        .where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]))
        .executeTakeFirstOrThrow();
      return num(r.n);
    },
    recentHandleSeconds: async (siteId, limit) => {
      const rows = await this.db
        .selectFrom('conversations')
        .select(['created_at', 'resolved_at'])
        .where('site_id', '=', siteId)
        .where('status', '=', 'resolved')
        .where('resolved_at', 'is not', null)
        .orderBy('resolved_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Math.max(1, Math.round((num(r.resolved_at) - num(r.created_at)) / 1000)));
    },
    lastAgentOf: async (visitorId) => {
      const r = await this.db
        .selectFrom('conversations')
        .select('assignee_id')
        .where('visitor_id', '=', visitorId)
        .where('assignee_id', 'is not', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r?.assignee_id ?? null;
    },
    unassign: async (id, agentId, now) => {
      const r = await this.db
        .updateTable('conversations')
        .set({ assignee_id: null, assigned_at: null, updated_at: now })
        .where('id', '=', id)
        .where('assignee_id', '=', agentId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    assign: async (id, agentId, now) => {
      await this.db.updateTable('conversations').set({ assignee_id: agentId, assigned_at: now, updated_at: now }).where('id', '=', id).execute();
    },
    openCounts: async (siteIds) => {
      const out = new Map<string, number>();
      if (!siteIds.length) return out;
      const rows = await this.db
        .selectFrom('conversations')
        .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('n')])
        .where('site_id', 'in', siteIds)
        .where('status', '=', 'open')
        .where('assignee_id', 'is not', null)
        .groupBy('assignee_id')
        .execute();
      for (const r of rows) out.set(r.assignee_id!, num(r.n));
      return out;
    },
    setImpression: async (id, impressionId) => {
      await this.db.updateTable('conversations').set({ impression_id: impressionId }).where('id', '=', id).where('impression_id', 'is', null).execute();
    },
    take: async (id, agentId, now) => {
      const result = await this.db
        .updateTable('conversations')
        .set({ assignee_id: agentId, assigned_at: now, updated_at: now })
        .where('id', '=', id)
        .where('assignee_id', 'is', null)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    resolve: async (id, now) => {
      await this.db.updateTable('conversations').set({ status: 'resolved', resolved_at: now, updated_at: now }).where('id', '=', id).execute();
      return this.conversations.byId(id);
    },
    markRead: async (id, side, seq) => {
      const column = side === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
      // Read state only moves forward and never past the last message.
      await this.db
        .updateTable('conversations')
        .set({ [column]: sql`CASE WHEN ${seq} <= ${sql.ref(column)} THEN ${sql.ref(column)} WHEN ${seq} > last_seq THEN last_seq ELSE ${seq} END` } as never)
        .where('id', '=', id)
        .execute();
      return this.conversations.byId(id);
    },
    markDelivered: async (id, side, seq) => {
      const column = side === 'visitor' ? 'visitor_delivered_seq' : 'agent_delivered_seq';
      await this.db
        .updateTable('conversations')
        .set({ [column]: sql`CASE WHEN ${seq} <= ${sql.ref(column)} THEN ${sql.ref(column)} WHEN ${seq} > last_seq THEN last_seq ELSE ${seq} END` } as never)
        .where('id', '=', id)
        .execute();
      return this.conversations.byId(id);
    },
    rate: async (id, rating) => {
      await this.db
        .updateTable('conversations')
        .set({ rating_score: rating.score, rating_comment: rating.comment, rated_at: rating.ratedAt })
        .where('id', '=', id)
        .execute();
    },
    setFields: async (id, fields) => {
      await this.db.updateTable('conversations').set({ fields: JSON.stringify(fields) }).where('id', '=', id).execute();
    },
    setVisitorNotified: async (id, at) => {
      await this.db.updateTable('conversations').set({ visitor_notified_at: at }).where('id', '=', id).execute();
    },
    claimVisitorNotified: async (id, at) => {
      const r = await this.db.updateTable('conversations').set({ visitor_notified_at: at }).where('id', '=', id).where('visitor_notified_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    scheduleReplyEmail: async (id, at) => {
      await this.db
        .updateTable('conversations')
        .set({ reply_email_due_at: at })
        .where('id', '=', id)
        .where('reply_email_due_at', 'is', null)
        .where('visitor_notified_at', 'is', null)
        .execute();
    },
    dueReplyEmails: async (now, limit) => {
      const rows = await this.db.selectFrom('conversations').select('id').where('reply_email_due_at', '<=', now).orderBy('reply_email_due_at').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    takeReplyEmail: async (id, now) => {
      const r = await this.db.updateTable('conversations').set({ reply_email_due_at: null }).where('id', '=', id).where('reply_email_due_at', '<=', now).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    clearVisitorNotifiedFor: async (visitorId) => {
      await this.db.updateTable('conversations').set({ visitor_notified_at: null }).where('visitor_id', '=', visitorId).where('visitor_notified_at', 'is not', null).execute();
    },
    listForVisitor: async (visitorId, limit) => {
      const rows = await this.db
        .selectFrom('conversations')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    rated: async (siteIds, from, to, limit) => {
      if (!siteIds.length) return [];
      const rows = await this.summaryQuery()
        .where('c.site_id', 'in', siteIds)
        .where('c.rated_at', '>=', from)
        .where('c.rated_at', '<', to)
        .orderBy('c.rated_at', 'desc')
        .limit(limit)
        .execute();
      return this.withLastMessages(rows);
    },
    ratingCounts: async (siteIds, from, to) => {
      if (!siteIds.length) return [];
      const rows = await this.db
        .selectFrom('conversations as c')
        .leftJoin('agents as a', 'a.id', 'c.assignee_id')
        .select(['c.assignee_id as assigneeId', 'a.name as assigneeName', 'c.rating_score as score'])
        .select((eb) => eb.fn.countAll().as('n'))
        .where('c.site_id', 'in', siteIds)
        .where('c.rated_at', '>=', from)
        .where('c.rated_at', '<', to)
        .where('c.rating_score', 'is not', null)
        .groupBy(['c.assignee_id', 'a.name', 'c.rating_score'])
        .execute();
      return rows.map((r) => ({ assigneeId: r.assigneeId, assigneeName: r.assigneeName ?? null, score: Number(r.score), count: Number(r.n) }));
    },
    summaries: async (filter) => {
      if (!filter.siteIds.length) return [];
      let q = this.summaryQuery().where('c.site_id', 'in', filter.siteIds);
      if (Array.isArray(filter.status)) q = q.where('c.status', 'in', filter.status);
      else if (filter.status) q = q.where('c.status', '=', filter.status);
      if (filter.assigneeId === null) q = q.where('c.assignee_id', 'is', null);
      else if (filter.assigneeId !== undefined) q = q.where('c.assignee_id', '=', filter.assigneeId);
      const rows = await q.orderBy('c.updated_at', 'desc').limit(filter.limit ?? 200).execute();
      return this.withLastMessages(rows);
    },
    summary: async (id) => {
      const rows = await this.summaryQuery().where('c.id', '=', id).execute();
      return (await this.withLastMessages(rows))[0] ?? null;
    },
  };

  /**
   * Give an open conversation to `to` while `to` holds fewer than `capacity` open chats, and only if it is still
   * `from`'s (null: still unassigned). One transaction, so it holds across processes.
   */
  private moveWithinCapacity(id: string, from: string | null, to: string, capacity: number, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL runs these transactions concurrently: lock the agent's row so that two assignments to the
      // same agent count each other. SQLite runs one write transaction at a time already.
      if (this.dialect === 'postgres') await sql`SELECT id FROM agents WHERE id = ${to} FOR UPDATE`.execute(trx);
      const { n } = await trx
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assignee_id', '=', to)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      if (num(n) >= capacity) return false;
      const r = await trx
        .updateTable('conversations')
        .set({ assignee_id: to, assigned_at: now, updated_at: now })
        .where('id', '=', id)
        .where((eb) => (from === null ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', from)))
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    });
  }

  private summaryQuery() {
    return this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
      .leftJoin('agents as a', 'a.id', 'c.assignee_id')
      .leftJoin('impressions as i', 'i.id', 'c.impression_id')
      .leftJoin('triggers as t', 't.id', 'i.trigger_id')
      .leftJoin('teams as tm', 'tm.id', 'c.team_id')
      .selectAll('c')
      .select([
        'v.name as visitor_name',
        'v.email as visitor_email',
        'a.name as assignee_name',
        'i.trigger_id as trigger_id',
        'i.variant as trigger_variant',
        't.name as trigger_name',
        'tm.name as team_name',
      ]);
  }

  private async withLastMessages(rows: SummaryRow[]): Promise<ConversationSummary[]> {
    const last = await this.lastMessages(
      this.db,
      rows.filter((r) => num(r.last_seq) > 0).map((r) => r.id),
    );
    return rows.map((r) => toSummary(r, last.get(r.id) ?? null));
  }

  /** The preview of each conversation: its latest message other than the system's own notes. */
  private async lastMessages(db: Db, ids: string[]): Promise<Map<string, Message>> {
    const last = new Map<string, Message>();
    if (ids.length) {
      // The preview is the latest message a person wrote or saw: the system's own notes (routing, requeue)
      // would hide what the chat is about.
      const msgs = await db
        .selectFrom('messages as m')
        .selectAll('m')
        .where('m.conversation_id', 'in', ids)
        .where(
          'm.seq',
          '=',
          sql<number>`(SELECT max(m2.seq) FROM messages m2 WHERE m2.conversation_id = m.conversation_id AND NOT (m2.author = 'system' AND m2.kind = 'note'))`,
        )
        .execute();
      for (const m of msgs) last.set(m.conversation_id, toMessage(m));
    }
    return last;
  }

  messages: Store['messages'] = {
    append: async (conversationId, input, now) => {
      try {
        return await (this.dialect === 'sqlite' ? this.appendGrouped(conversationId, input, now) : this.appendOnce(conversationId, input, now));
      } catch (err) {
        // Two sends of one clientId raced (PostgreSQL runs them concurrently): the loser returns the winner's row.
        if (!isUniqueViolation(err)) throw err;
        const winner = await this.messages.byClientId(conversationId, input.clientId);
        if (!winner) throw err;
        return { message: winner, duplicate: true };
      }
    },
    byClientId: async (conversationId, clientId) => {
      const r = await this.db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return r ? toMessage(r) : null;
    },
    after: async (conversationId, afterSeq, limit, { includeNotes }) => {
      let q = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('seq', '>', afterSeq);
      if (!includeNotes) q = q.where('kind', '<>', 'note');
      return (await q.orderBy('seq').limit(limit).execute()).map(toMessage);
    },
    latest: async (conversationId, limit, { includeNotes }) => {
      let q = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
      if (!includeNotes) q = q.where('kind', '<>', 'note');
      return (await q.orderBy('seq', 'desc').limit(limit).execute()).reverse().map(toMessage);
    },
  };

  private appendOnce(conversationId: string, input: NewMessage, now: number): Promise<AppendResult> {
    return this.db.transaction().execute((trx) => this.appendIn(trx, conversationId, input, now));
  }

  /**
   * Group commit (SQLite): appends requested in the same turn of the event loop, or while a batch is being written,
   * go into one transaction, so one commit (and one fsync) serves them all. Each promise settles only after the
   * commit that holds its message: nothing is acked before it is on disk. Order and seqs are those of sequential
   * appends, in the order requested. If anything in a batch fails, the whole batch rolled back, and each append is
   * run again on its own, so only the failing one fails. (PostgreSQL runs appends concurrently on its pool and
   * groups commits itself.)
   */
  private readonly appendQueue: Array<{ conversationId: string; input: NewMessage; now: number; resolve: (r: AppendResult) => void; reject: (err: unknown) => void }> = [];
  private appendsScheduled = false;
  /** Counts for tests and diagnosis: batches committed and appends in them. */
  readonly groupCommit = { batches: 0, appends: 0 };
  static readonly MAX_APPEND_BATCH = 256;

  private appendGrouped(conversationId: string, input: NewMessage, now: number): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.appendQueue.push({ conversationId, input, now, resolve, reject });
      this.scheduleAppends();
    });
  }

  private scheduleAppends(): void {
    if (this.appendsScheduled) return;
    this.appendsScheduled = true;
    setImmediate(() => void this.flushAppends());
  }

  private async flushAppends(): Promise<void> {
    const batch = this.appendQueue.splice(0, SqlStore.MAX_APPEND_BATCH);
    try {
      let results: AppendResult[] | null = null;
      let failed: { index: number; err: unknown } | null = null;
      if (batch.length > 1) {
        try {
          results = await this.db.transaction().execute(async (trx) => {
            const out: AppendResult[] = [];
            for (const [index, a] of batch.entries()) {
              try {
                out.push(await this.appendIn(trx, a.conversationId, a.input, a.now));
              } catch (err) {
                failed = { index, err };
                throw err;
              }
            }
            return out;
          });
          this.groupCommit.batches++;
          this.groupCommit.appends += batch.length;
        } catch {
          results = null; // rolled back whole
        }
      }
      if (results) batch.forEach((a, i) => a.resolve(results[i]!));
      else if (failed) {
        // The batch rolled back because of one append, which fails as it would have alone (everything before it
        // in the batch already applied, as when run in order); the others go first into the next batch.
        const { index, err } = failed as { index: number; err: unknown };
        batch[index]!.reject(err);
        this.appendQueue.unshift(...batch.filter((_, i) => i !== index));
      } else {
        // The commit itself failed (or a batch of one): each on its own, so each gets its own outcome.
        for (const a of batch) {
          try {
            a.resolve(await this.appendOnce(a.conversationId, a.input, a.now));
            this.groupCommit.batches++;
            this.groupCommit.appends++;
          } catch (err) {
            a.reject(err);
          }
        }
      }
    } finally {
      this.appendsScheduled = false;
      // What arrived while this batch was written goes into the next one.
      if (this.appendQueue.length) this.scheduleAppends();
    }
  }

  private async appendIn(trx: Transaction<Database>, conversationId: string, input: NewMessage, now: number): Promise<AppendResult> {
    const earlier = await trx
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
    if (earlier) return { message: toMessage(earlier), duplicate: true };
    // The row lock taken by this update serialises seq assignment per conversation. It returns the row as
    // this append leaves it, with what the summary and the visitor's view need, so nobody reads it again.
    const bumped = await trx
      .updateTable('conversations')
      .set({ last_seq: sql`last_seq + 1`, updated_at: now, ...awaitingAfter(input, now) })
      .where('id', '=', conversationId)
      .returningAll()
      .returning(appendReturning)
      .executeTakeFirstOrThrow();
    const row = {
      id: newId(),
      conversation_id: conversationId,
      seq: num(bumped.last_seq),
      client_id: input.clientId,
      author: input.author,
      author_id: input.authorId,
      author_name: input.authorName,
      kind: input.kind,
      body: input.body,
      attachment: input.attachment ? JSON.stringify(input.attachment) : null,
      created_at: now,
    };
    if (input.authorLabelOf === undefined) {
      await trx.insertInto('messages').values(row).execute();
    } else {
      // The visitor's label (`visitorLabel`) from their row, in the insert itself; ids are ASCII, so SQL's
      // UPPER and JavaScript's toUpperCase agree.
      const label = sql<string | null>`(SELECT COALESCE(v.name, 'Visitor ' || UPPER(SUBSTR(v.id, 1, 4))) FROM visitors v WHERE v.id = ${input.authorLabelOf})`;
      const inserted = await trx
        .insertInto('messages')
        .values({ ...row, author_name: label })
        .returning('author_name')
        .executeTakeFirstOrThrow();
      row.author_name = inserted.author_name;
    }
    const message = toMessage(row);
    const conversation = toConversation(bumped);
    let summary: ConversationSummary | null = null;
    if (bumped.visitor_exists) {
      // The new message is the latest; it is the preview unless it is one of the system's notes.
      const preview = input.author === 'system' && input.kind === 'note' ? ((await this.lastMessages(trx, [conversationId])).get(conversationId) ?? null) : message;
      summary = toSummary(bumped, preview);
    }
    const assignee = conversation.assigneeId !== null && bumped.assignee_name !== null ? { id: conversation.assigneeId, name: bumped.assignee_name, avatarUrl: bumped.assignee_avatar_url } : null;
    return { message, duplicate: false, after: { conversation, summary, assignee } };
  }

  triggers: Store['triggers'] = {
    list: async (siteId) => (await this.db.selectFrom('triggers').selectAll().where('site_id', '=', siteId).orderBy('created_at').execute()).map(toTrigger),
    byId: async (id) => {
      const r = await this.db.selectFrom('triggers').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toTrigger(r) : null;
    },
    create: async (input) => {
      const now = Date.now();
      const { siteId, name, status, priority, ...definition } = input;
      const row = { id: newId(), site_id: siteId, name, status, priority, definition: JSON.stringify(definition), created_at: now, updated_at: now };
      await this.db.insertInto('triggers').values(row).execute();
      return toTrigger(row);
    },
    update: async (id, patch) => {
      const current = await this.triggers.byId(id);
      if (!current) return null;
      const next = { ...current, ...patch, updatedAt: Date.now() };
      const { id: _id, siteId: _site, name, status, priority, createdAt: _c, updatedAt, ...definition } = next;
      await this.db
        .updateTable('triggers')
        .set({ name, status, priority, definition: JSON.stringify(definition), updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
      return next;
    },
    delete: async (id) => Number((await this.db.deleteFrom('triggers').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0,
  };

  impressions: Store['impressions'] = {
    create: async (input) => {
      const row = {
        id: newId(),
        trigger_id: input.triggerId,
        site_id: input.siteId,
        visitor_id: input.visitorId,
        session_id: input.sessionId,
        variant: input.variant,
        shown_at: input.shownAt,
        opened_at: null,
        dismissed_at: null,
        conversation_id: null,
        converted_at: null,
        conversion_value: null,
      };
      await this.db.insertInto('impressions').values(row).execute();
      return toImpression(row);
    },
    byId: async (id) => {
      const r = await this.db.selectFrom('impressions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toImpression(r) : null;
    },
    forVisitor: async (visitorId, limit) =>
      (await this.db.selectFrom('impressions').selectAll().where('visitor_id', '=', visitorId).orderBy('shown_at', 'desc').limit(limit).execute()).map(toImpression),
    markOpened: async (id, at) => {
      await this.db.updateTable('impressions').set({ opened_at: at }).where('id', '=', id).where('opened_at', 'is', null).execute();
    },
    markDismissed: async (id, at) => {
      await this.db.updateTable('impressions').set({ dismissed_at: at }).where('id', '=', id).where('dismissed_at', 'is', null).execute();
    },
    attachConversation: async (id, conversationId) => {
      await this.db.updateTable('impressions').set({ conversation_id: conversationId }).where('id', '=', id).where('conversation_id', 'is', null).execute();
    },
    convert: async (id, at, value) => {
      const r = await this.db
        .updateTable('impressions')
        .set({ converted_at: at, conversion_value: value })
        .where('id', '=', id)
        .where('converted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    funnel: async (triggerId, since) => {
      const rows = await this.db
        .selectFrom('impressions')
        .select((eb) => [
          'variant',
          eb.fn.countAll<number>().as('impressions'),
          eb.fn.count<number>('opened_at').as('opened'),
          eb.fn.count<number>('conversation_id').as('conversations'),
          eb.fn.count<number>('converted_at').as('conversions'),
          eb.fn.coalesce(eb.fn.sum<number>('conversion_value'), sql<number>`0`).as('revenue'),
        ])
        .where('trigger_id', '=', triggerId)
        .where('shown_at', '>=', since)
        .groupBy('variant')
        .orderBy('variant')
        .execute();
      return rows.map((r) => ({
        variant: r.variant,
        impressions: num(r.impressions),
        opened: num(r.opened),
        conversations: num(r.conversations),
        conversions: num(r.conversions),
        revenue: num(r.revenue),
      }));
    },
    daily: async (triggerId, since) => {
      const rows = await this.db
        .selectFrom('impressions')
        .select(['shown_at', 'conversation_id', 'converted_at'])
        .where('trigger_id', '=', triggerId)
        .where('shown_at', '>=', since)
        .execute();
      return rows.map((r) => ({ shownAt: num(r.shown_at), conversation: r.conversation_id !== null, converted: r.converted_at !== null }));
    },
  };

  privacy: Store['privacy'] = {
    exportVisitor: async (visitorId) => {
      const visitor = await this.db.selectFrom('visitors').selectAll().where('id', '=', visitorId).execute();
      if (!visitor.length) return null;
      const conversations = await this.db.selectFrom('conversations').selectAll().where('visitor_id', '=', visitorId).orderBy('created_at').execute();
      const ids = conversations.map((c) => c.id);
      const [sessions, pageViews, events, impressions, messages, attachments] = await Promise.all([
        this.db.selectFrom('sessions').selectAll().where('visitor_id', '=', visitorId).orderBy('started_at').execute(),
        this.db.selectFrom('page_views').selectAll().where('visitor_id', '=', visitorId).orderBy('at').execute(),
        this.db.selectFrom('events').selectAll().where('visitor_id', '=', visitorId).orderBy('at').execute(),
        this.db.selectFrom('impressions').selectAll().where('visitor_id', '=', visitorId).orderBy('shown_at').execute(),
        ids.length ? this.db.selectFrom('messages').selectAll().where('conversation_id', 'in', ids).orderBy('conversation_id').orderBy('seq').execute() : [],
        // The files' records (name, type, size, where sent); the bytes are at each one's /files/<id>.
        this.db.selectFrom('attachments').selectAll().where('visitor_id', '=', visitorId).orderBy('created_at').execute(),
      ]);
      return { visitor, sessions, pageViews, events, conversations, messages, impressions, attachments } as Record<string, Array<Record<string, unknown>>>;
    },
    deleteVisitor: async (visitorId) =>
      this.db.transaction().execute(async (trx) => {
        // Children first and explicitly: the same on both databases, whatever their foreign-key settings.
        const ids = (await trx.selectFrom('conversations').select('id').where('visitor_id', '=', visitorId).execute()).map((c) => c.id);
        if (ids.length) await trx.deleteFrom('messages').where('conversation_id', 'in', ids).execute();
        await trx.deleteFrom('impressions').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('conversations').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('page_views').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('events').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('sessions').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('resume_links').where('visitor_id', '=', visitorId).execute();
        await trx.deleteFrom('attachments').where('visitor_id', '=', visitorId).execute();
        const r = await trx.deleteFrom('visitors').where('id', '=', visitorId).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      }),
    purge: async (siteId, before) =>
      this.db.transaction().execute(async (trx) => {
        const old = trx.selectFrom('conversations').select('id').where('site_id', '=', siteId).where('status', '=', 'resolved').where('resolved_at', '<', before);
        await trx.deleteFrom('messages').where('conversation_id', 'in', old).execute();
        await trx.updateTable('impressions').set({ conversation_id: null }).where('conversation_id', 'in', old).execute();
        const conversations = await trx.deleteFrom('conversations').where('site_id', '=', siteId).where('status', '=', 'resolved').where('resolved_at', '<', before).executeTakeFirst();
        const visitorsOfSite = trx.selectFrom('visitors').select('id').where('site_id', '=', siteId);
        const pageViews = await trx.deleteFrom('page_views').where('visitor_id', 'in', visitorsOfSite).where('at', '<', before).executeTakeFirst();
        const events = await trx.deleteFrom('events').where('visitor_id', 'in', visitorsOfSite).where('at', '<', before).executeTakeFirst();
        return { conversations: Number(conversations.numDeletedRows), pageViews: Number(pageViews.numDeletedRows), events: Number(events.numDeletedRows) };
      }),
  };

  teams: Store['teams'] = {
    list: async (siteId) => {
      const rows = await this.db.selectFrom('teams').selectAll().where('site_id', '=', siteId).orderBy('name').execute();
      return this.withMembers(rows);
    },
    byId: async (id) => {
      const rows = await this.db.selectFrom('teams').selectAll().where('id', '=', id).execute();
      return (await this.withMembers(rows))[0] ?? null;
    },
    create: async (input) => {
      const row = { id: newId(), site_id: input.siteId, name: input.name, hours: null, created_at: Date.now() };
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx.insertInto('teams').values(row).execute();
          await this.setMembers(trx, row.id, input.memberIds);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('teams.name');
        throw err;
      }
      return (await this.teams.byId(row.id))!;
    },
    update: async (id, patch) => {
      try {
        await this.db.transaction().execute(async (trx) => {
          if (patch.name !== undefined) await trx.updateTable('teams').set({ name: patch.name }).where('id', '=', id).execute();
          if (patch.hours !== undefined) {
            await trx.updateTable('teams').set({ hours: patch.hours === null ? null : JSON.stringify(patch.hours) }).where('id', '=', id).execute();
          }
          if (patch.memberIds !== undefined) await this.setMembers(trx, id, patch.memberIds);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('teams.name');
        throw err;
      }
      return this.teams.byId(id);
    },
    idsOf: async (agentId) => (await this.db.selectFrom('team_members').select('team_id').where('agent_id', '=', agentId).execute()).map((r) => r.team_id),
    delete: async (id) =>
      this.db.transaction().execute(async (trx) => {
        await trx.updateTable('conversations').set({ team_id: null }).where('team_id', '=', id).execute();
        const r = await trx.deleteFrom('teams').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      }),
  };

  private async setMembers(trx: Transaction<Database>, teamId: string, agentIds: string[]): Promise<void> {
    await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
    const unique = [...new Set(agentIds)];
    if (unique.length) await trx.insertInto('team_members').values(unique.map((agentId) => ({ id: newId(), team_id: teamId, agent_id: agentId }))).execute();
  }

  private async withMembers(rows: Array<Selectable<TeamsTable>>): Promise<Team[]> {
    if (!rows.length) return [];
    const members = await this.db
      .selectFrom('team_members')
      .select(['team_id', 'agent_id'])
      .where(
        'team_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('agent_id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      name: r.name,
      memberIds: members.filter((m) => m.team_id === r.id).map((m) => m.agent_id),
      hours: r.hours ? (JSON.parse(r.hours) as BusinessHours) : null,
      createdAt: num(r.created_at),
    }));
  }

  attachments: Store['attachments'] = {
    create: async (a) => {
      await this.db
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
      const r = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
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
      const r = await this.db
        .updateTable('attachments')
        .set({ conversation_id: to.conversationId, message_id: to.messageId, visitor_id: to.visitorId })
        .where('id', '=', id)
        .where('message_id', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    idsForVisitor: async (visitorId) =>
      (await this.db.selectFrom('attachments').select('id').where('visitor_id', '=', visitorId).execute()).map((r) => r.id),
    idsResolvedBefore: async (siteId, before) =>
      (
        await this.db
          .selectFrom('attachments')
          .select('id')
          .where(
            'conversation_id',
            'in',
            this.db.selectFrom('conversations').select('id').where('site_id', '=', siteId).where('status', '=', 'resolved').where('resolved_at', '<', before),
          )
          .execute()
      ).map((r) => r.id),
    idsUnsentBefore: async (before) =>
      (await this.db.selectFrom('attachments').select('id').where('message_id', 'is', null).where('created_at', '<', before).execute()).map((r) => r.id),
    delete: async (ids) => {
      if (ids.length) await this.db.deleteFrom('attachments').where('id', 'in', ids).execute();
    },
  };

  resumeLinks: Store['resumeLinks'] = {
    create: async (input) => {
      await this.db
        .insertInto('resume_links')
        .values({ id: input.id, visitor_id: input.visitorId, conversation_id: input.conversationId, expires_at: input.expiresAt, used_at: null, created_at: input.createdAt })
        .execute();
    },
    byId: async (id) => {
      const r = await this.db.selectFrom('resume_links').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, visitorId: r.visitor_id, conversationId: r.conversation_id, expiresAt: num(r.expires_at), usedAt: r.used_at === null ? null : num(r.used_at) } : null;
    },
    spend: async (id, now) => {
      const r = await this.db.updateTable('resume_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };

  canned: Store['canned'] = {
    list: async (siteId) => {
      const rows = await this.db.selectFrom('canned_responses').selectAll().where('site_id', '=', siteId).orderBy('shortcut').execute();
      return rows.map((r) => this.toCanned(r));
    },
    byId: async (id) => {
      const r = await this.db.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? this.toCanned(r) : null;
    },
    create: async (input) => {
      const row = { id: newId(), site_id: input.siteId, shortcut: input.shortcut, body: input.body, created_at: Date.now() };
      try {
        await this.db.insertInto('canned_responses').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('canned_responses.shortcut');
        throw err;
      }
      return this.toCanned(row);
    },
    update: async (id, patch) => {
      try {
        if (Object.keys(patch).length) await this.db.updateTable('canned_responses').set(patch).where('id', '=', id).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('canned_responses.shortcut');
        throw err;
      }
      return this.canned.byId(id);
    },
    delete: async (id) => {
      const r = await this.db.deleteFrom('canned_responses').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };

  private toCanned(r: { id: string; site_id: string; shortcut: string; body: string; created_at: number }): CannedResponse {
    return { id: r.id, siteId: r.site_id, shortcut: r.shortcut, body: r.body, createdAt: num(r.created_at) };
  }
}
