/**
 * Trigger journey 2: exit intent, at most once per visitor. The visitor's pointer leaves the page through the
 * top (towards the tab bar): the teaser appears once. They close it. Leaving again — on the same page, on another
 * page, after a reload — shows nothing, although each of those exit intents does reach the server.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { recordRealtime, type RealtimeTraffic } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { T, createTrigger, demoSite, leaveThroughTop, triggerInput, triggerStats } from '../support/triggers.js';
import { sleep, waitFor } from '../support/wait.js';
import { W } from '../support/widget.js';

const skip = requireChromium();

const TEXT = 'Leaving already? Here is 10 % off with the code STAY10.';
/** After an exit-intent report reached the server, a teaser it caused would be back well within this. */
const SETTLE_MS = 2_000;

const isExitReport = (payload: unknown) => (payload as { exitIntent?: boolean } | null)?.exitIntent === true;

/** Leaves through the top and waits until the widget has sent that exit intent to the server. */
async function exitIntent(page: Page, traffic: RealtimeTraffic): Promise<void> {
  const before = traffic.sent('behaviour:report', isExitReport).length;
  await leaveThroughTop(page);
  await waitFor('the widget to report the exit intent', () => traffic.sent('behaviour:report', isExitReport).length > before, { timeout: 5_000 });
}

/** Fails if any teaser reaches the page, or shows on it, within SETTLE_MS. */
async function expectNoTeaser(page: Page, traffic: RealtimeTraffic, when: string): Promise<void> {
  const shows = traffic.received('teaser:show').length;
  const until = Date.now() + SETTLE_MS;
  while (Date.now() < until) {
    if (await page.locator(T.teaser).isVisible()) throw new Error(`a teaser showed ${when}: "${await page.locator(T.teaser).textContent()}"`);
    await sleep(100);
  }
  expect(traffic.received('teaser:show').length, `teaser:show events received ${when}`).toBe(shows);
}

describe.skipIf(skip !== null)(withReason('journey: an exit-intent trigger, once per visitor', skip), () => {
  const journey = setupJourney('trigger-exit-intent');

  it('shows the teaser on the first exit intent only, not after a dismissal, another page or a reload', async () => {
    const { baseUrl } = journey();
    const marketerContext = await journey().person('marketer');
    await loginAgent(await marketerContext.newPage(), baseUrl);
    const site = await demoSite(marketerContext, baseUrl);
    const trigger = await createTrigger(
      marketerContext,
      baseUrl,
      triggerInput(site.id, {
        name: 'Exit intent, once per visitor',
        conditions: { match: 'all', conditions: [{ field: 'exit_intent', operator: 'is', value: true }] },
        variants: [{ id: 'A', weight: 100, message: { text: TEXT, senderName: 'Maison Causette' } }],
        frequency: { per: 'visitor' },
      }),
    );

    const visitor = await (await journey().person('visitor')).newPage();
    const traffic = recordRealtime(visitor);
    await visitor.goto(`${baseUrl}/demo/`);
    await visitor.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    // Browsing the page is no exit intent.
    await visitor.mouse.move(400, 400, { steps: 5 });
    await expectNoTeaser(visitor, traffic, 'before any exit intent');

    await exitIntent(visitor, traffic);
    const teaser = visitor.locator(T.teaser);
    await teaser.waitFor({ state: 'visible', timeout: 5_000 });
    expect((await visitor.locator(T.teaserText).textContent())?.trim()).toBe(TEXT);

    // The visitor closes it.
    await visitor.locator(T.teaserClose).click();
    await teaser.waitFor({ state: 'hidden' });
    await waitFor('the widget to report the dismissal', () => traffic.sent('teaser:dismiss').length === 1, { timeout: 5_000 });

    // Leaving again on the same page: nothing.
    await exitIntent(visitor, traffic);
    await expectNoTeaser(visitor, traffic, 'on a second exit intent on the same page');

    // On another page: nothing.
    await visitor.goto(`${baseUrl}/demo/products/scarf.html`);
    await visitor.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await exitIntent(visitor, traffic);
    await expectNoTeaser(visitor, traffic, 'on an exit intent on another page');

    // After a reload: nothing.
    await visitor.reload();
    await visitor.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await exitIntent(visitor, traffic);
    await expectNoTeaser(visitor, traffic, 'on an exit intent after a reload');

    expect(traffic.received('teaser:show')).toHaveLength(1);
    const funnel = (await triggerStats(marketerContext, baseUrl, trigger.id)).funnel;
    expect(funnel).toEqual([expect.objectContaining({ variant: 'A', impressions: 1, opened: 0, conversations: 0 })]);
  }, 45_000);
});
