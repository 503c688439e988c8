import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database } from './db-types.js';
import { toCanned } from './row-mappers.js';
import { isUniqueViolation } from './sql-util.js';
import { UniqueViolation, type Store } from './store.js';

/** Canned responses, unique per site by `/shortcut`. */
export function cannedRepo(db: Kysely<Database>): Store['canned'] {
  const canned: Store['canned'] = {
    list: async (siteId) => {
      const rows = await db.selectFrom('canned_responses').selectAll().where('site_id', '=', siteId).orderBy('shortcut').execute();
      return rows.map((r) => toCanned(r));
    },
    byId: async (id) => {
      const r = await db.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toCanned(r) : null;
    },
    create: async (input) => {
      const row = { id: newId(), site_id: input.siteId, shortcut: input.shortcut, body: input.body, created_at: Date.now() };
      try {
        await db.insertInto('canned_responses').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('canned_responses.shortcut');
        throw err;
      }
      return toCanned(row);
    },
    update: async (id, patch) => {
      try {
        if (Object.keys(patch).length) await db.updateTable('canned_responses').set(patch).where('id', '=', id).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('canned_responses.shortcut');
        throw err;
      }
      return canned.byId(id);
    },
    delete: async (id) => {
      const r = await db.deleteFrom('canned_responses').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
  return canned;
}
