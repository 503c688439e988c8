import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database, SitesTable } from './db-types.js';
import { toSite } from './row-mappers.js';
import { isUniqueViolation } from './sql-util.js';
import { UniqueViolation, type Store } from './store.js';

/** Sites: the shops that embed the widget, with their key, origins and settings. */
export function sitesRepo(db: Kysely<Database>): Store['sites'] {
  const sites: Store['sites'] = {
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
        await db.insertInto('sites').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('sites.key');
        throw err;
      }
      return toSite(row);
    },
    byKey: async (key) => {
      const r = await db.selectFrom('sites').selectAll().where('key', '=', key).executeTakeFirst();
      return r ? toSite(r) : null;
    },
    byId: async (id) => {
      const r = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSite(r) : null;
    },
    list: async () => (await db.selectFrom('sites').selectAll().orderBy('created_at').execute()).map(toSite),
    update: async (id, patch) => {
      const values: Partial<SitesTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.allowedOrigins !== undefined) values.allowed_origins = JSON.stringify(patch.allowedOrigins);
      if (patch.settings !== undefined) values.settings = JSON.stringify(patch.settings);
      if (Object.keys(values).length) await db.updateTable('sites').set(values).where('id', '=', id).execute();
      return sites.byId(id);
    },
  };
  return sites;
}
