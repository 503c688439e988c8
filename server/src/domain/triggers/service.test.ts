import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import type { Store } from '../../store/store.js';
import { DEFAULT_SITE_SETTINGS } from '../bootstrap.js';
import { silentNotifier } from '../notifier.js';
import { ATTRIBUTION_WINDOW_MS, TriggerService } from './service.js';

const DAY = 86_400_000;

describe('attribution (real SQLite store, fake clock)', () => {
  let dir: string;
  let store: Store;
  let clock = 1_800_000_000_000;
  let service: TriggerService;
  let ref: { visitorId: string; siteId: string; sessionId: string };
  let triggerId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causette-attr-'));
    store = await createStore({ dataDir: dir });
    service = new TriggerService(store, silentNotifier, () => clock);
    const site = await store.sites.create({ name: 'S', key: 's', allowedOrigins: ['self'], settings: DEFAULT_SITE_SETTINGS });
    const visitor = await store.visitors.create(site.id);
    const session = await store.sessions.resumeOrStart({ visitorId: visitor.id, siteId: site.id, userAgent: '', language: '', idleMs: 1, now: clock });
    ref = { visitorId: visitor.id, siteId: site.id, sessionId: session.id };
    const trigger = await store.triggers.create({
      siteId: site.id,
      name: 'T',
      status: 'active',
      priority: 1,
      conditions: { match: 'all', conditions: [{ field: 'cart.total', operator: 'gt', value: 0 }] },
      variants: [{ id: 'A', weight: 1, message: { text: 'hi', senderName: '' } }],
      holdoutPercent: 0,
      frequency: { per: 'session' },
      schedule: null,
      onlyWhenAgentAvailable: false,
      delaySeconds: 0,
      openPanel: false,
    });
    triggerId = trigger.id;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('credits a purchase inside the window to the latest impression, once', async () => {
    await store.impressions.create({ triggerId, siteId: ref.siteId, visitorId: ref.visitorId, sessionId: ref.sessionId, variant: 'A', shownAt: clock });
    clock += 2 * DAY;
    await service.goal(ref, 59);
    await service.goal(ref, 20); // a second purchase does not count the same impression twice
    const stats = await service.stats(triggerId, 30);
    expect(stats.funnel).toEqual([expect.objectContaining({ variant: 'A', impressions: 1, conversions: 1, revenue: 59, conversionRate: 1 })]);
  });

  it('does not credit a purchase made after the window', async () => {
    await store.impressions.create({ triggerId, siteId: ref.siteId, visitorId: ref.visitorId, sessionId: ref.sessionId, variant: 'A', shownAt: clock });
    clock += ATTRIBUTION_WINDOW_MS + 1000;
    await service.goal(ref, 59);
    expect((await service.stats(triggerId, 30)).funnel[0]).toMatchObject({ conversions: 0, revenue: 0 });
  });

  it('measures the uplift of the shown variants against the holdout', async () => {
    const visitors = await Promise.all(Array.from({ length: 4 }, () => store.visitors.create(ref.siteId)));
    for (const [i, v] of visitors.entries()) {
      const imp = await store.impressions.create({ triggerId, siteId: ref.siteId, visitorId: v.id, sessionId: 'x', variant: i < 2 ? 'A' : 'holdout', shownAt: clock });
      if (i !== 3) await store.impressions.convert(imp.id, clock, 10); // A: 2 of 2 convert, holdout: 1 of 2
    }
    const stats = await service.stats(triggerId, 30);
    expect(stats.uplift).toBeCloseTo(50, 5);
  });
});
