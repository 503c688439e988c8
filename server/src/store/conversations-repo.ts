import { sql, type Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import { conversationSummaries } from './conversation-summaries.js';
import type { Database } from './db-types.js';
import { toConversation } from './row-mappers.js';
import { isUniqueViolation, num } from './sql-util.js';
import type { Store } from './store.js';

/** Conversations: opening, assignment within capacity, status, read and delivery marks, reply emails. */
export function conversationsRepo(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Store['conversations'] {
  const conversations: Store['conversations'] = {
    byId: async (id) => {
      const r = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toConversation(r) : null;
    },
    openFor: async (visitorId) => {
      const r = await db
        .selectFrom('conversations')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .where('status', '<>', 'resolved')
        .executeTakeFirst();
      return r ? toConversation(r) : null;
    },
    latestFor: async (visitorId) => {
      const r = await db
        .selectFrom('conversations')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toConversation(r) : null;
    },
    openOrCreate: async (siteId, visitorId, now) => {
      const existing = await conversations.openFor(visitorId);
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
        await db.insertInto('conversations').values(row).execute();
        return { conversation: toConversation(row), created: true };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Another request started it first; the database kept exactly one.
        const winner = await conversations.openFor(visitorId);
        if (!winner) throw err;
        return { conversation: winner, created: false };
      }
    },
    assignWithinCapacity: async (id, agentId, capacity, now) => moveWithinCapacity(db, dialect, id, null, agentId, capacity, now),
    reassignWithinCapacity: async (id, fromAgentId, toAgentId, capacity, now) => moveWithinCapacity(db, dialect, id, fromAgentId, toAgentId, capacity, now),
    overdue: async (siteId, cutoff) => {
      const rows = await db
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
      await db.updateTable('conversations').set({ team_id: teamId, updated_at: now }).where('id', '=', id).execute();
    },
    setStatus: async (id, status, now) => {
      await db.updateTable('conversations').set({ status, updated_at: now }).where('id', '=', id).where('status', '<>', 'resolved').execute();
    },
    queuedBefore: async (siteId, teamId, createdAt, id) => {
      const r = await db
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
      const rows = await db
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
      const r = await db
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
      const r = await db
        .updateTable('conversations')
        .set({ assignee_id: null, assigned_at: null, updated_at: now })
        .where('id', '=', id)
        .where('assignee_id', '=', agentId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    assign: async (id, agentId, now) => {
      await db.updateTable('conversations').set({ assignee_id: agentId, assigned_at: now, updated_at: now }).where('id', '=', id).execute();
    },
    openCounts: async (siteIds) => {
      const out = new Map<string, number>();
      if (!siteIds.length) return out;
      const rows = await db
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
      await db.updateTable('conversations').set({ impression_id: impressionId }).where('id', '=', id).where('impression_id', 'is', null).execute();
    },
    take: async (id, agentId, now) => {
      const result = await db
        .updateTable('conversations')
        .set({ assignee_id: agentId, assigned_at: now, updated_at: now })
        .where('id', '=', id)
        .where('assignee_id', 'is', null)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    resolve: async (id, now) => {
      await db.updateTable('conversations').set({ status: 'resolved', resolved_at: now, updated_at: now }).where('id', '=', id).execute();
      return conversations.byId(id);
    },
    markRead: async (id, side, seq) => {
      const column = side === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
      // Read state only moves forward and never past the last message.
      await db
        .updateTable('conversations')
        .set({ [column]: sql`CASE WHEN ${seq} <= ${sql.ref(column)} THEN ${sql.ref(column)} WHEN ${seq} > last_seq THEN last_seq ELSE ${seq} END` } as never)
        .where('id', '=', id)
        .execute();
      return conversations.byId(id);
    },
    markDelivered: async (id, side, seq) => {
      const column = side === 'visitor' ? 'visitor_delivered_seq' : 'agent_delivered_seq';
      await db
        .updateTable('conversations')
        .set({ [column]: sql`CASE WHEN ${seq} <= ${sql.ref(column)} THEN ${sql.ref(column)} WHEN ${seq} > last_seq THEN last_seq ELSE ${seq} END` } as never)
        .where('id', '=', id)
        .execute();
      return conversations.byId(id);
    },
    rate: async (id, rating) => {
      await db
        .updateTable('conversations')
        .set({ rating_score: rating.score, rating_comment: rating.comment, rated_at: rating.ratedAt })
        .where('id', '=', id)
        .execute();
    },
    setFields: async (id, fields) => {
      await db.updateTable('conversations').set({ fields: JSON.stringify(fields) }).where('id', '=', id).execute();
    },
    setVisitorNotified: async (id, at) => {
      await db.updateTable('conversations').set({ visitor_notified_at: at }).where('id', '=', id).execute();
    },
    claimVisitorNotified: async (id, at) => {
      const r = await db.updateTable('conversations').set({ visitor_notified_at: at }).where('id', '=', id).where('visitor_notified_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    scheduleReplyEmail: async (id, at) => {
      await db
        .updateTable('conversations')
        .set({ reply_email_due_at: at })
        .where('id', '=', id)
        .where('reply_email_due_at', 'is', null)
        .where('visitor_notified_at', 'is', null)
        .execute();
    },
    dueReplyEmails: async (now, limit) => {
      const rows = await db.selectFrom('conversations').select('id').where('reply_email_due_at', '<=', now).orderBy('reply_email_due_at').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    takeReplyEmail: async (id, now) => {
      const r = await db.updateTable('conversations').set({ reply_email_due_at: null }).where('id', '=', id).where('reply_email_due_at', '<=', now).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    clearVisitorNotifiedFor: async (visitorId) => {
      await db.updateTable('conversations').set({ visitor_notified_at: null }).where('visitor_id', '=', visitorId).where('visitor_notified_at', 'is not', null).execute();
    },
    listForVisitor: async (visitorId, limit) => {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('visitor_id', '=', visitorId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    ...conversationSummaries(db),
  };
  return conversations;
}

/**
 * Give an open conversation to `to` while `to` holds fewer than `capacity` open chats, and only if it is still
 * `from`'s (null: still unassigned). One transaction, so it holds across processes.
 */
function moveWithinCapacity(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', id: string, from: string | null, to: string, capacity: number, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // PostgreSQL runs these transactions concurrently: lock the agent's row so that two assignments to the
    // same agent count each other. SQLite runs one write transaction at a time already.
    if (dialect === 'postgres') await sql`SELECT id FROM agents WHERE id = ${to} FOR UPDATE`.execute(trx);
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
