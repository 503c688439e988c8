/**
 * Trigger journey 3: a single-page shop section. The "Offers" tab is reached with history.pushState, no page
 * load; a rule on the URL (contains "tab=offers") fires on that in-page route change, and only then.
 */
import { describe, expect, it } from 'vitest';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { recordRealtime } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { T, createTrigger, demoSite, triggerInput } from '../support/triggers.js';
import { sleep, waitFor } from '../support/wait.js';
import { W } from '../support/widget.js';

const skip = requireChromium();

const TEXT = 'Want the free candle? Tell us and we add it to your order.';

describe.skipIf(skip !== null)(withReason('journey: a trigger on an SPA route change', skip), () => {
  const journey = setupJourney('trigger-spa-route');

  it('fires when the visitor opens the Offers tab in page, without a reload', async () => {
    const { baseUrl } = journey();
    const marketerContext = await journey().person('marketer');
    await loginAgent(await marketerContext.newPage(), baseUrl);
    const site = await demoSite(marketerContext, baseUrl);
    const trigger = await createTrigger(
      marketerContext,
      baseUrl,
      triggerInput(site.id, {
        name: 'Offers tab',
        conditions: { match: 'all', conditions: [{ field: 'page.url', operator: 'contains', value: 'tab=offers' }] },
        variants: [{ id: 'A', weight: 100, message: { text: TEXT, senderName: 'Léa' } }],
      }),
    );

    const visitor = await (await journey().person('visitor')).newPage();
    const traffic = recordRealtime(visitor);
    const loads: string[] = [];
    visitor.on('load', () => loads.push(visitor.url()));
    await visitor.goto(`${baseUrl}/demo/spa.html`);
    await visitor.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await visitor.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));

    // Another in-page route first: a route change alone is not enough, the rule needs the offers URL.
    await visitor.getByRole('tab', { name: 'Care guide' }).click();
    await waitFor('the widget to report the care tab page view', () => traffic.sent('page:view', (p) => String((p as { url?: string }).url).includes('tab=care')).length === 1);
    await sleep(1_500);
    expect(await visitor.locator(T.teaser).isVisible(), 'no teaser on the care tab').toBe(false);
    expect(traffic.received('teaser:show')).toHaveLength(0);

    const clicked = Date.now();
    await visitor.getByRole('tab', { name: 'Offers' }).click();
    await visitor.locator('[data-spa-panel=offers]').waitFor({ state: 'visible' });
    expect(new URL(visitor.url()).search).toBe('?tab=offers');
    await visitor.locator(T.teaser).waitFor({ state: 'visible', timeout: 5_000 });
    console.info(`[trigger-spa-route] teaser shown ${Date.now() - clicked} ms after the in-page route change`);
    expect((await visitor.locator(T.teaserText).textContent())?.trim()).toBe(TEXT);
    expect(traffic.received('teaser:show').map((e) => (e.payload as { triggerId: string }).triggerId)).toEqual([trigger.id]);

    // All of it happened in the one page load.
    expect(loads).toHaveLength(1);
    expect(await visitor.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
  }, 45_000);
});
