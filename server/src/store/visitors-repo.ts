import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database, VisitorsTable } from './db-types.js';
import { toVisitor } from './row-mappers.js';
import type { Store } from './store.js';

/** Visitors: anonymous browsers until identified. */
export function visitorsRepo(db: Kysely<Database>): Store['visitors'] {
  const visitors: Store['visitors'] = {
    create: async (siteId) => {
      const now = Date.now();
      const row = { id: newId(), site_id: siteId, name: null, email: null, external_id: null, verified: 0, created_at: now, last_seen_at: now };
      await db.insertInto('visitors').values(row).execute();
      return toVisitor(row);
    },
    byId: async (id) => {
      const r = await db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toVisitor(r) : null;
    },
    touch: async (id, at) => {
      await db.updateTable('visitors').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    identify: async (id, patch) => {
      const values: Partial<VisitorsTable> = { verified: patch.verified ? 1 : 0 };
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.email !== undefined) values.email = patch.email;
      if (patch.externalId !== undefined) values.external_id = patch.externalId;
      await db.updateTable('visitors').set(values).where('id', '=', id).execute();
    },
  };
  return visitors;
}
