import { DEFAULT_SECURITY_SETTINGS, type SecuritySettings } from '@causette/shared';
import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import type { Store } from './store.js';

const KEY = 'security_settings';

/** Install-wide security rules, one JSON value in `meta` (they apply to every account, not to a site). */
export function securitySettingsRepo(db: Kysely<Database>): Store['securitySettings'] {
  return {
    get: async () => {
      const r = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
      return r ? { ...DEFAULT_SECURITY_SETTINGS, ...(JSON.parse(r.value) as Partial<SecuritySettings>) } : { ...DEFAULT_SECURITY_SETTINGS };
    },
    set: async (settings) => {
      const value = JSON.stringify(settings);
      await db.insertInto('meta').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    },
  };
}
