/**
 * bench/triggers: trigger evaluations per second for 1, 100 and 1,000 rules over a realistic stream of visitor
 * states (page views across a shop, carts filling up, time passing, custom events). Run: pnpm bench:triggers
 *
 * It calls the engine directly (the pure domain function the server runs on every page view, cart change,
 * event and behaviour report), because what is measured is the rule evaluation itself, not the socket path.
 */
import type { Condition, Trigger } from '@causette/shared';
import { decide } from '../server/src/domain/triggers/engine.js';
import { emptyState, type VisitorState } from '../server/src/domain/triggers/state.js';

const PATHS = ['/', '/products/tote', '/products/mug', '/products/candle', '/products/scarf', '/cart', '/checkout', '/about', '/blog/spring', '/search'];
const SKUS = ['tote', 'mug', 'candle', 'scarf', 'card'];
const EVENTS = ['viewed_size_guide', 'newsletter_signup', 'coupon_applied', 'video_played'];

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

function stateStream(n: number, now: number): VisitorState[] {
  return Array.from({ length: n }, () => {
    const path = pick(PATHS);
    const items = Math.floor(rnd() * 4);
    const skus = Array.from({ length: items }, () => pick(SKUS));
    return {
      ...emptyState(),
      page: { url: `https://shop.example${path}?utm_source=${pick(['google', 'newsletter', ''])}`, path, title: path },
      referrer: pick(['', 'https://www.google.com/', 'https://instagram.com/']),
      utm: { source: pick(['google', 'newsletter', '']), medium: pick(['cpc', 'email', '']), campaign: pick(['spring', 'sale', '']) },
      device: pick(['desktop', 'mobile']),
      language: pick(['en-GB', 'fr-FR', 'de-DE']),
      visitorType: rnd() < 0.3 ? 'returning' : 'new',
      visitCount: 1 + Math.floor(rnd() * 5),
      sessionPageViews: 1 + Math.floor(rnd() * 12),
      timeOnPage: Math.floor(rnd() * 120),
      timeOnSite: Math.floor(rnd() * 900),
      scrollDepth: Math.floor(rnd() * 100),
      idleTime: rnd() < 0.1 ? 40 : 0,
      exitIntent: rnd() < 0.05,
      cart: { total: skus.length * (10 + Math.floor(rnd() * 60)), items: skus.length, skus },
      events: Array.from({ length: Math.floor(rnd() * 6) }, () => ({ name: pick(EVENTS), at: now - Math.floor(rnd() * 3_600_000) })),
    };
  });
}

function randomCondition(): Condition {
  switch (Math.floor(rnd() * 7)) {
    case 0:
      return { field: 'page.path', operator: pick(['equals', 'starts_with', 'contains'] as const), value: pick(PATHS) };
    case 1:
      return { field: 'page.url', operator: 'matches', value: `^https://shop\\.example/(products|cart)/${pick(SKUS)}` };
    case 2:
      return { field: 'cart.total', operator: pick(['gt', 'lt'] as const), value: 20 + Math.floor(rnd() * 150) };
    case 3:
      return { field: 'time_on_page', operator: 'gt', value: 5 + Math.floor(rnd() * 60) };
    case 4:
      return { field: 'cart.skus', operator: 'contains', value: pick(SKUS) };
    case 5:
      return { field: 'event', operator: pick(['happened', 'not_happened'] as const), value: pick(EVENTS), withinMinutes: 30 };
    default:
      return { field: 'utm.source', operator: 'equals', value: pick(['google', 'newsletter']) };
  }
}

function rules(n: number): Trigger[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `trigger-${i}`,
    siteId: 'site-bench',
    name: `Rule ${i}`,
    status: 'active',
    priority: Math.floor(rnd() * 100),
    // Realistic rules are narrow: three to five conditions, sometimes with an ANY group.
    conditions: {
      match: 'all',
      conditions: [
        ...Array.from({ length: 2 + Math.floor(rnd() * 3) }, randomCondition),
        ...(rnd() < 0.4 ? [{ match: 'any' as const, conditions: [randomCondition(), randomCondition()] }] : []),
      ],
    },
    variants: [{ id: 'A', weight: 1, message: { text: 'Hi', senderName: '' } }],
    holdoutPercent: 10,
    frequency: { per: 'session' },
    schedule: rnd() < 0.2 ? { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', timeZone: 'Europe/Paris' } : null,
    onlyWhenAgentAvailable: rnd() < 0.3,
    delaySeconds: 0,
    openPanel: false,
    createdAt: i,
    updatedAt: i,
  }));
}

const now = Date.now();
const states = stateStream(5000, now);
console.log('bench/triggers — engine evaluations over 5,000 varied visitor states (Node', process.version + ')');
console.log('rules   evaluations/s   µs per evaluation   teasers chosen');
for (const n of [1, 100, 1000]) {
  const triggers = rules(n);
  const history = [{ triggerId: 'trigger-0', sessionId: 's', shownAt: now - 1000 }];
  // Warm up, then measure for about one second.
  for (let i = 0; i < 2000; i++) decide(triggers, states[i % states.length]!, { visitorId: `v${i}`, sessionId: 's', now, agentAvailable: true, history });
  let count = 0;
  let chosen = 0;
  const start = process.hrtime.bigint();
  const budget = 1_000_000_000n;
  while (process.hrtime.bigint() - start < budget) {
    for (let k = 0; k < 100; k++, count++) {
      if (decide(triggers, states[count % states.length]!, { visitorId: `v${count}`, sessionId: 's', now, agentAvailable: count % 2 === 0, history }).winner) chosen++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${String(n).padStart(5)}   ${Math.round(count / seconds).toLocaleString('en').padStart(13)}   ${((seconds / count) * 1e6).toFixed(2).padStart(17)}   ${((chosen / count) * 100).toFixed(1)}%`);
}
