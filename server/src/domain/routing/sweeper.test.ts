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

it("tells the site's open widgets when its business hours begin and when they end", async () => {
  dir = mkdtempSync(join(tmpdir(), 'causette-sweep-'));
  store = await createStore({ dataDir: dir });
  // Mondays 09:00–18:00 in Paris (UTC+1 in January).
  const hours = { timeZone: 'Europe/Paris', windows: [{ day: 1, open: '09:00', close: '18:00' }] };
  const site = await store.sites.create({ name: 'Shop', key: 'shop', allowedOrigins: ['self'], settings: { requireConsent: false, greeting: '', color: '#000000', hours } });
  let now = Date.UTC(2027, 0, 4, 7, 58); // Monday 08:58 in Paris
  const told: Array<{ siteId: string; payload: unknown }> = [];
  const notifier: Notifier = { ...silentNotifier, agentsOnline: async () => [], toSiteVisitors: (siteId, _event, payload) => void told.push({ siteId, payload }) };
  const chat = new ChatService(store, notifier, () => now);
  const sweeper = new RoutingSweeper(store, chat, notifier, { intervalMs: 1000, requeueGraceMs: 60_000, onError: (err) => { throw err; } }, () => now);

  await sweeper.sweep();
  now += 60_000; // 08:59, still closed
  await sweeper.sweep();
  expect(told).toEqual([]);

  now += 60_000; // 09:00: open
  await sweeper.sweep();
  expect(told).toEqual([{ siteId: site.id, payload: { agentsOnline: false, opening: { open: true, reopensAt: null } } }]);
  await sweeper.sweep();
  expect(told).toHaveLength(1);

  now = Date.UTC(2027, 0, 4, 17, 0); // 18:00: closed until next Monday 09:00
  await sweeper.sweep();
  expect(told[1]).toEqual({ siteId: site.id, payload: { agentsOnline: false, opening: { open: false, reopensAt: Date.UTC(2027, 0, 11, 8, 0) } } });
});

it("tells the site's open widgets when a team's own hours begin, so the pre-chat topic list follows", async () => {
  dir = mkdtempSync(join(tmpdir(), 'causette-sweep-'));
  store = await createStore({ dataDir: dir });
  const prechat = { enabled: true, name: 'off' as const, email: 'off' as const, askTeam: true, fields: [] };
  const site = await store.sites.create({ name: 'Shop', key: 'shop', allowedOrigins: ['self'], settings: { requireConsent: false, greeting: '', color: '#000000', prechat } });
  const night = await store.teams.create({ siteId: site.id, name: 'Night', memberIds: [] });
  await store.teams.update(night.id, { hours: { timeZone: 'UTC', windows: [{ day: 1, open: '20:00', close: '24:00' }] } });
  let now = Date.UTC(2027, 0, 4, 19, 59); // Monday 19:59 UTC
  const told: Array<{ event: string; payload: any }> = [];
  const notifier: Notifier = { ...silentNotifier, agentsOnline: async () => [], toSiteVisitors: (_siteId, event, payload) => void told.push({ event, payload }) };
  const chat = new ChatService(store, notifier, () => now);
  const sweeper = new RoutingSweeper(store, chat, notifier, { intervalMs: 1000, requeueGraceMs: 60_000, onError: (err) => { throw err; } }, () => now);

  await sweeper.sweep();
  await sweeper.sweep();
  expect(told).toEqual([]);
  now += 60_000; // 20:00: the team opens (the site, without hours, was open all along)
  await sweeper.sweep();
  expect(told).toEqual([{ event: 'site:update', payload: expect.objectContaining({ name: 'Shop', teams: [{ id: night.id, name: 'Night', opening: { open: true, reopensAt: null } }] }) }]);
  await sweeper.sweep();
  expect(told).toHaveLength(1);
});
