/**
 * Trigger journey 4: attribution. A visitor answers a cart teaser, then buys at the checkout ("Place order" sends
 * causette('track','purchase',{value})). The trigger is credited with the conversion and its revenue, on the
 * trigger's page in the console and in the stats API behind it.
 */
import { describe, expect, it } from 'vitest';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { recordRealtime } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { T, createTrigger, demoSite, statsFigures, triggerInput, triggerStats } from '../support/triggers.js';
import { waitFor, waitForExactly } from '../support/wait.js';
import { W, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

const TEXT = 'Free delivery over 50 € today. Shall we help you finish your order?';
const REPLY = 'Does the mug go in the dishwasher?';

/** The amount a person reads in "57.00", "€57.00" or "57,00 €". */
function amountIn(text: string): number | null {
  const match = /(\d+(?:[.,]\d{1,2})?)/.exec(text.replace(/\s/g, ''));
  return match ? Number(match[1]!.replace(',', '.')) : null;
}

describe.skipIf(skip !== null)(withReason('journey: a purchase after a triggered chat is credited to the trigger', skip), () => {
  const journey = setupJourney('trigger-attribution');

  it('counts the conversion and its revenue for the trigger that started the chat', async () => {
    const { baseUrl } = journey();
    const marketerContext = await journey().person('marketer');
    const marketer = await marketerContext.newPage();
    await loginAgent(marketer, baseUrl);
    const site = await demoSite(marketerContext, baseUrl);
    const trigger = await createTrigger(
      marketerContext,
      baseUrl,
      triggerInput(site.id, {
        name: 'Cart help before checkout',
        conditions: {
          match: 'all',
          conditions: [
            { field: 'cart.total', operator: 'gt', value: 50 },
            { field: 'page.path', operator: 'equals', value: '/demo/cart.html' },
          ],
        },
        variants: [{ id: 'A', weight: 100, message: { text: TEXT, senderName: 'Anna' } }],
      }),
    );

    // A 57 € cart, then the cart page: the teaser comes, the visitor opens it and answers.
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/products/tote.html');
    const traffic = recordRealtime(visitor);
    await visitor.locator('[data-add-to-cart=tote]').click();
    await visitor.goto(`${baseUrl}/demo/products/mug.html`);
    await visitor.locator('[data-add-to-cart=mug]').click();
    await visitor.locator('[data-shop=cart-count]').filter({ hasText: '2' }).waitFor();
    await Promise.all([visitor.waitForURL('**/demo/cart.html'), visitor.locator('[data-shop=cart-link]').click()]);
    await visitor.locator(T.teaser).waitFor({ state: 'visible', timeout: 10_000 });
    expect((await visitor.locator(T.teaserText).textContent())?.trim()).toBe(TEXT);
    await visitor.locator(T.teaser).click();
    await visitor.locator(W.panel).waitFor({ state: 'visible' });
    await waitFor('the open chat to show the teaser text', async () => (await widgetLines(visitor)).some((l) => l.text === TEXT));
    await sendVisitorMessage(visitor, REPLY);
    await waitFor('the reply to carry the teaser impression', () =>
      traffic.sent('message:send', (p) => (p as { body?: string; impressionId?: string }).body === REPLY && !!(p as { impressionId?: string }).impressionId).length === 1,
    );

    // The visitor closes the chat (it covers the Checkout button), checks out and places the order.
    await visitor.locator(W.launcher).click();
    await visitor.locator(W.panel).waitFor({ state: 'hidden' });
    await Promise.all([visitor.waitForURL('**/demo/checkout.html'), visitor.locator('[data-shop=to-checkout]').click()]);
    await visitor.locator('[data-shop=place-order]').click();
    await visitor.locator('[data-shop=order-confirmation]').waitFor({ state: 'visible' });
    expect(amountIn((await visitor.locator('[data-shop=order-value]').textContent()) ?? '')).toBe(57);
    await waitFor('the widget to send the purchase', () => traffic.sent('event:track', (p) => (p as { name?: string }).name === 'purchase').length === 1);

    // The stats API credits the trigger's variant with one conversion of 57, and nothing more arrives.
    const credited = async () => {
      const a = (await triggerStats(marketerContext, baseUrl, trigger.id)).funnel.find((f) => f.variant === 'A');
      return a && { impressions: a.impressions, opened: a.opened, conversations: a.conversations, conversions: a.conversions, revenue: a.revenue };
    };
    await waitForExactly('the trigger stats (API) to credit the purchase', credited, { impressions: 1, opened: 1, conversations: 1, conversions: 1, revenue: 57 });

    // The marketer reads the same on the trigger's page.
    await marketer.goto(`${baseUrl}/console/triggers/${trigger.id}`);
    await marketer.locator('[data-test=trigger-stats]').waitFor({ state: 'visible' });
    const figures = await statsFigures(marketer);
    expect(figures.conversions).toBe('1');
    expect(amountIn(figures.revenue), `revenue reads "${figures.revenue}"`).toBe(57);
    const row = marketer.locator('[data-test=funnel-row][data-variant=A]');
    expect(await row.isVisible()).toBe(true);
  }, 45_000);
});
