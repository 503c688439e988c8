/**
 * Proactive triggers from the outside: the REST calls a marketer's console makes (with the admin's session
 * cookie from a logged-in browser context), and what the visitor's widget shows when one fires.
 */
import type { Site, Trigger, TriggerInput, TriggerStats } from '@causette/shared';
import type { BrowserContext, Page } from 'playwright-core';

export const T = {
  teaser: '[data-part=teaser]',
  teaserText: '[data-part=teaser-text]',
  teaserClose: '[data-part=teaser-close]',
} as const;

/** The demo shop's site (key `demo`), as the logged-in person in `context` sees it. */
export async function demoSite(context: BrowserContext, baseUrl: string): Promise<Site> {
  const res = await context.request.get(`${baseUrl}/api/sites`);
  if (!res.ok()) throw new Error(`GET /api/sites answered ${res.status()}: ${await res.text()}`);
  const { items } = (await res.json()) as { items: Site[] };
  const site = items.find((s) => s.key === 'demo') ?? items[0];
  if (!site) throw new Error(`GET /api/sites listed no site: ${JSON.stringify(items)}`);
  return site;
}

/** Every field of a trigger body, with the quiet defaults a journey overrides. */
export function triggerInput(siteId: string, fields: Pick<TriggerInput, 'name' | 'conditions'> & Partial<TriggerInput>): TriggerInput {
  return {
    siteId,
    status: 'active',
    priority: 10,
    variants: [{ id: 'A', weight: 100, message: { text: 'Can we help?', senderName: 'Anna' } }],
    holdoutPercent: 0,
    frequency: { per: 'session' },
    schedule: null,
    onlyWhenAgentAvailable: false,
    delaySeconds: 0,
    openPanel: false,
    ...fields,
  };
}

export async function createTrigger(context: BrowserContext, baseUrl: string, body: TriggerInput): Promise<Trigger> {
  const res = await context.request.post(`${baseUrl}/api/triggers`, { data: body });
  if (res.status() !== 201) throw new Error(`POST /api/triggers answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as Trigger;
}

export async function listTriggers(context: BrowserContext, baseUrl: string, siteId: string): Promise<Trigger[]> {
  const res = await context.request.get(`${baseUrl}/api/triggers?siteId=${encodeURIComponent(siteId)}`);
  if (!res.ok()) throw new Error(`GET /api/triggers answered ${res.status()}: ${await res.text()}`);
  return ((await res.json()) as { items: Trigger[] }).items;
}

export async function triggerStats(context: BrowserContext, baseUrl: string, triggerId: string): Promise<TriggerStats> {
  const res = await context.request.get(`${baseUrl}/api/triggers/${triggerId}/stats`);
  if (!res.ok()) throw new Error(`GET /api/triggers/${triggerId}/stats answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as TriggerStats;
}

/** The figures of the trigger's stats page, as text; `[data-test=trigger-stats]` scopes them away from the list. */
export async function statsFigures(page: Page): Promise<Record<'impressions' | 'conversations' | 'conversions' | 'revenue', string>> {
  const stats = page.locator('[data-test=trigger-stats]');
  const read = async (name: string) => ((await stats.locator(`[data-test=stat-${name}]`).textContent()) ?? '').trim();
  return {
    impressions: await read('impressions'),
    conversations: await read('conversations'),
    conversions: await read('conversions'),
    revenue: await read('revenue'),
  };
}

/**
 * Desktop exit intent as a person makes it: the pointer leaves the page through the top edge. Chromium then
 * fires a real `mouseout` with clientY < 0 and no relatedTarget (checked against this Chromium).
 */
export async function leaveThroughTop(page: Page): Promise<void> {
  const { width } = page.viewportSize() ?? { width: 1280 };
  await page.mouse.move(width / 2, 300);
  await page.mouse.move(width / 2, 5, { steps: 5 });
  await page.mouse.move(width / 2, -10);
}
