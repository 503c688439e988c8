import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import type { Store } from '../../store/store.js';
import { ChatService } from '../chat.js';
import { silentNotifier, type Notifier } from '../notifier.js';
import { RoutingSweeper } from './sweeper.js';

/**
 * The sweep on a real SQLite store with a fake clock. The process that held the agent's disconnect timer may
 * have died: the sweep alone must still put the chats of an agent connected nowhere back in the queue.
 */
let dir: string;
let store: Store;
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('requeues an orphaned chat once its agent has been connected nowhere for the grace period', async () => {
  dir = mkdtempSync(join(tmpdir(), 'causette-sweep-'));
  store = await createStore({ dataDir: dir });
  const site = await store.sites.create({ name: 'Shop', key: 'shop', allowedOrigins: ['self'], settings: { requireConsent: false, greeting: '', color: '#000000' } });
  const ana = await store.agents.create({ email: 'ana@example.com', name: 'Ana', passwordHash: 'x', role: 'agent', capacity: 2, siteIds: [site.id] });
  const visitor = await store.visitors.create(site.id);
  const { conversation } = await store.conversations.openOrCreate(site.id, visitor.id, 0);
  expect(await store.conversations.take(conversation.id, ana.id, 0)).toBe(true);

  let now = 1_000_000;
  let online: string[] = [];
  const notifier: Notifier = { ...silentNotifier, agentsOnline: async () => online };
  const chat = new ChatService(store, notifier, () => now);
  const sweeper = new RoutingSweeper(store, chat, notifier, { intervalMs: 1000, requeueGraceMs: 60_000, onError: (err) => { throw err; } }, () => now);

  await sweeper.sweep(); // first seen offline now
  now += 59_000;
  await sweeper.sweep();
  expect((await store.conversations.byId(conversation.id))?.assigneeId).toBe(ana.id);

  // Back for a moment, then gone again: the grace period starts over.
  online = [ana.id];
  now += 2_000;
  await sweeper.sweep();
  online = [];
  now += 1_000;
  await sweeper.sweep();
  now += 59_000;
  await sweeper.sweep();
  expect((await store.conversations.byId(conversation.id))?.assigneeId).toBe(ana.id);

  now += 1_000;
  await sweeper.sweep();
  expect((await store.conversations.byId(conversation.id))?.assigneeId).toBeNull();
  const notes = await store.messages.latest(conversation.id, 10, { includeNotes: true });
  expect(notes.map((m) => m.body)).toEqual(['Back in the queue: Ana went offline']);
});
