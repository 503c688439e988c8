import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore, openSqlite } from './create-store.js';
import { storeSuite } from './store.suite.js';

storeSuite('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'causette-store-'));
  const store = await createStore({ dataDir: dir });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite file settings', () => {
  it('writes through WAL with full sync and keeps data across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-store-'));
    try {
      const store = await createStore({ dataDir: dir });
      const site = await store.sites.create({ name: 'Kept', key: 'kept', allowedOrigins: ['self'], settings: { requireConsent: false, greeting: '', color: '#000000' } });
      await store.close();
      const raw = openSqlite(join(dir, 'causette.sqlite'));
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
      raw.close();
      const reopened = await createStore({ dataDir: dir });
      expect((await reopened.sites.byKey('kept'))?.id).toBe(site.id);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
