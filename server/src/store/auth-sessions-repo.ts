import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import type { AuthSessionRecord, Store } from './store.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** Agents' sign-ins (the console's session cookie, stored hashed). */
export function authSessionsRepo(db: Kysely<Database>): Store['authSessions'] {
  const toRecord = (r: { id: string; agent_id: string; created_at: number; expires_at: number; last_seen_at: number; user_agent: string; ip: string }): AuthSessionRecord => ({
    id: r.id,
    agentId: r.agent_id,
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
    lastSeenAt: num(r.last_seen_at),
    userAgent: r.user_agent,
    ip: r.ip,
  });
  const columns = ['id', 'agent_id', 'created_at', 'expires_at', 'last_seen_at', 'user_agent', 'ip'] as const;
  return {
    create: async ({ id, agentId, expiresAt, userAgent = '', ip = '', now = Date.now() }) => {
      await db.insertInto('auth_sessions').values({ id, agent_id: agentId, created_at: now, expires_at: expiresAt, last_seen_at: now, user_agent: userAgent.slice(0, 512), ip: ip.slice(0, 64) }).execute();
    },
    get: async (id) => {
      const r = await db.selectFrom('auth_sessions').select(columns).where('id', '=', id).executeTakeFirst();
      return r ? toRecord(r) : null;
    },
    listForAgent: async (agentId) => {
      const rows = await db.selectFrom('auth_sessions').select(columns).where('agent_id', '=', agentId).orderBy('last_seen_at', 'desc').orderBy('id').execute();
      return rows.map(toRecord);
    },
    touch: async (id, at, minGapMs) => {
      // Conditional, so that many requests in the same minute cost one write between them.
      await db.updateTable('auth_sessions').set({ last_seen_at: at }).where('id', '=', id).where('last_seen_at', '<=', at - minGapMs).execute();
    },
    delete: async (id) => {
      await db.deleteFrom('auth_sessions').where('id', '=', id).execute();
    },
    deleteIdle: async (before) => {
      const rows = await db.deleteFrom('auth_sessions').where('last_seen_at', '<', before).returning(['id', 'agent_id']).execute();
      return rows.map((r) => ({ id: r.id, agentId: r.agent_id }));
    },
    deleteForAgent: async (agentId, exceptId) => {
      let q = db.deleteFrom('auth_sessions').where('agent_id', '=', agentId);
      if (exceptId) q = q.where('id', '!=', exceptId);
      const rows = await q.returning('id').execute();
      return rows.map((r) => r.id);
    },
  };
}
