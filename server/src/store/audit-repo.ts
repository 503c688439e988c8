import type { AuditAction, AuditChange, AuditEntry } from '@causette/shared';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditLogTable, Database } from './db-types.js';
import type { AuditFilter, Store } from './store.js';

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: Number(r.at),
    action: r.action as AuditAction,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    targetType: r.target_type,
    targetId: r.target_id,
    targetLabel: r.target_label,
    ip: r.ip,
    userAgent: r.user_agent,
    changes: JSON.parse(r.changes) as Record<string, AuditChange>,
  };
}

/** `%` and `_` typed by an admin are searched for, not wildcards. */
const likeText = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The audit log's SQL, the same for SQLite and PostgreSQL. */
export function auditRepo(db: Kysely<Database>): Store['audit'] {
  return {
    record: async (e) => {
      await db
        .insertInto('audit_log')
        .values({
          id: e.id,
          at: e.at,
          action: e.action,
          actor_id: e.actorId,
          actor_label: e.actorLabel,
          target_type: e.targetType,
          target_id: e.targetId,
          target_label: e.targetLabel,
          ip: e.ip,
          user_agent: e.userAgent,
          changes: JSON.stringify(e.changes),
        })
        .execute();
    },

    list: async (filter: AuditFilter, limit: number) => {
      let q = db.selectFrom('audit_log').selectAll();
      if (filter.action) q = q.where('action', '=', filter.action);
      if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
      if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('at', '<', filter.to);
      if (filter.text) {
        const pattern = likeText(filter.text);
        q = q.where((eb) => eb.or([sql<boolean>`lower(actor_label) LIKE ${pattern} ESCAPE '\\'`, sql<boolean>`lower(target_label) LIKE ${pattern} ESCAPE '\\'`]));
      }
      const before = filter.before;
      if (before) q = q.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
      const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toEntry);
    },

    purgeBefore: async (before) => {
      const result = await db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
