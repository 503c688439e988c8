import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS } from '../domain/bootstrap.js';
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
  describe('moving from SQLite to PostgreSQL', () => {
    it('carries every row across, so conversations read the same on the other side', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'causette-move-'));
      const schema = `causette_test_${randomBytes(6).toString('hex')}`;
      const from = await createStore({ dataDir: dir });
      const to = await createStore({ dataDir: '/nonexistent', databaseUrl: PG_URL, pgSchema: schema });
      try {
        const site = await from.sites.create({ name: 'Shop', key: 'shop', allowedOrigins: ['self'], settings: DEFAULT_SITE_SETTINGS });
        const visitor = await from.visitors.create(site.id);
        const { conversation } = await from.conversations.openOrCreate(site.id, visitor.id, 1000);
        for (const n of [1, 2, 3]) {
          await from.messages.append(conversation.id, { clientId: `move-000${n}`, author: 'visitor', authorId: visitor.id, authorName: null, kind: 'text', body: `m${n}` }, 1000 + n);
        }
        const moved = await to.importRows(from.exportRows());
        expect(moved).toBeGreaterThanOrEqual(6);
        const there = await to.messages.after(conversation.id, 0, 10, { includeNotes: true });
        expect(there.map((m) => [m.seq, m.body, m.createdAt])).toEqual([
          [1, 'm1', 1001],
          [2, 'm2', 1002],
          [3, 'm3', 1003],
        ]);
        expect((await to.conversations.byId(conversation.id))?.lastSeq).toBe(3);
        // The next message continues the sequence where SQLite left it.
        expect((await to.messages.append(conversation.id, { clientId: 'move-0004', author: 'visitor', authorId: null, authorName: null, kind: 'text', body: 'm4' }, 2000)).message.seq).toBe(4);
      } finally {
        await from.close();
        await to.close();
        rmSync(dir, { recursive: true, force: true });
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
    });
  });
} else {
  describe('Store (PostgreSQL)', () => it.skip(available.reason, () => {}));
}
