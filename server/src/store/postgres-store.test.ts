import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { PG_URL, probe } from '../../test/support/requirements.js';
import { createStore } from './create-store.js';
import { storeSuite } from './store.suite.js';

const available = await probe('PostgreSQL', async () => {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  await client.end();
});

if (available.ok) {
  // Each store gets its own schema, dropped afterwards, so runs never see each other's rows.
  storeSuite('PostgreSQL', async () => {
    const schema = `causette_test_${randomBytes(6).toString('hex')}`;
    const store = await createStore({ dataDir: '/nonexistent', databaseUrl: PG_URL, pgSchema: schema });
    return {
      store,
      dispose: async () => {
        await store.close();
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      },
    };
  });
} else {
  describe('Store (PostgreSQL)', () => it.skip(available.reason, () => {}));
}
