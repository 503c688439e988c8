import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS } from '../domain/bootstrap.js';
import { createStore, openSqlite } from './create-store.js';
import type { SqlStore } from './sql-store.js';
import type { ConversationRecord } from './store.js';
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

describe('SQLite group commit', () => {
  it('gives many concurrent sends distinct gap-free seqs in fewer commits, each acked only once durable, all there after a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-store-'));
    try {
      const store = await createStore({ dataDir: dir });
      const site = await store.sites.create({ name: 'S', key: 's', allowedOrigins: ['self'], settings: DEFAULT_SITE_SETTINGS });
      const convs: ConversationRecord[] = [];
      for (let i = 0; i < 5; i++) {
        const v = await store.visitors.create(site.id);
        convs.push((await store.conversations.openOrCreate(site.id, v.id, 1)).conversation);
      }
      const counts = (store as unknown as SqlStore).groupCommit;
      const before = { ...counts };
      const sends = Array.from({ length: 300 }, (_, i) => ({ conv: convs[i % 5]!, clientId: `send-${String(i).padStart(5, '0')}` }));
      // Every tenth send twice at once (a resend racing its original), and one append that must fail on its own.
      const all = [...sends, ...sends.filter((_, i) => i % 10 === 0)];
      // A second connection sees committed rows only: each send, when answered, must already be visible there.
      const raw = openSqlite(join(dir, 'causette.sqlite'));
      const visible = raw.prepare('SELECT count(*) AS n FROM messages WHERE client_id = ?');
      const unseenWhenAcked: string[] = [];
      const send = (x: (typeof all)[number]) =>
        store.messages
          .append(x.conv.id, { clientId: x.clientId, author: 'visitor', authorId: x.conv.visitorId, authorName: null, authorLabelOf: x.conv.visitorId, kind: 'text', body: x.clientId }, 2)
          .then((r) => {
            if ((visible.get(x.clientId) as { n: number }).n !== 1) unseenWhenAcked.push(x.clientId);
            return r;
          });
      const failing = store.messages.append('no-such-conversation', { clientId: 'lost-000001', author: 'visitor', authorId: null, authorName: null, kind: 'text', body: 'x' }, 2);
      const results = await Promise.allSettled([...all.slice(0, 100).map(send), failing, ...all.slice(100).map(send)]);
      expect(results[100]!.status).toBe('rejected');
      expect(unseenWhenAcked).toEqual([]);
      raw.close();
      const ok = results.filter((_, i) => i !== 100).map((r) => (r.status === 'fulfilled' ? r.value : null));
      expect(ok.every(Boolean)).toBe(true);
      expect(ok.filter((r) => r!.duplicate)).toHaveLength(30);
      // Batched: far fewer commits than appends.
      expect(counts.appends - before.appends).toBe(330);
      expect(counts.batches - before.batches).toBeLessThan(10);
      const acked = new Map(ok.map((r) => [r!.message.clientId, r!.message]));
      await store.close();

      const reopened = await createStore({ dataDir: dir });
      for (const conv of convs) {
        const stored = await reopened.messages.after(conv.id, 0, 1000, { includeNotes: true });
        expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        for (const m of stored) expect(acked.get(m.clientId)).toEqual(m);
        expect((await reopened.conversations.byId(conv.id))!.lastSeq).toBe(60);
      }
      expect(new Set([...acked.values()].map((m) => `${m.conversationId}/${m.seq}`)).size).toBe(300);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
