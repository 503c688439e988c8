import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database } from './db-types.js';
import { toTrigger } from './row-mappers.js';
import type { Store } from './store.js';

/** Triggers: the columns the engine filters on, and the rest of the definition as one JSON value. */
export function triggersRepo(db: Kysely<Database>): Store['triggers'] {
  const triggers: Store['triggers'] = {
    list: async (siteId) => (await db.selectFrom('triggers').selectAll().where('site_id', '=', siteId).orderBy('created_at').execute()).map(toTrigger),
    byId: async (id) => {
      const r = await db.selectFrom('triggers').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toTrigger(r) : null;
    },
    create: async (input) => {
      const now = Date.now();
      const { siteId, name, status, priority, ...definition } = input;
      const row = { id: newId(), site_id: siteId, name, status, priority, definition: JSON.stringify(definition), created_at: now, updated_at: now };
      await db.insertInto('triggers').values(row).execute();
      return toTrigger(row);
    },
    update: async (id, patch) => {
      const current = await triggers.byId(id);
      if (!current) return null;
      const next = { ...current, ...patch, updatedAt: Date.now() };
      const { id: _id, siteId: _site, name, status, priority, createdAt: _c, updatedAt, ...definition } = next;
      await db
        .updateTable('triggers')
        .set({ name, status, priority, definition: JSON.stringify(definition), updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
      return next;
    },
    delete: async (id) => Number((await db.deleteFrom('triggers').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0,
  };
  return triggers;
}
