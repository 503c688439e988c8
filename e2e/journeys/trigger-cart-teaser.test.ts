/**
 * Trigger journey 1: a marketer writes a rule in the console ("cart over 50 €, on the cart page, for more than
 * 5 s"), a visitor fills a cart and lingers on the cart page, the teaser appears — not before its time — and the
 * visitor answers it. The agent sees which trigger started the chat; the trigger's page counts the impression and
 * the conversation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { C, loginAgent, openConversationShowing, takeOpenConversation } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { T, demoSite, listTriggers, statsFigures, triggerStats } from '../support/triggers.js';
import { waitFor, waitForExactly } from '../support/wait.js';
import { W, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

const NAME = 'Cart over 50 on the cart page';
const TEXT = 'Your cart is ready: any question before you order?';
const SENDER = 'Chloé from Maison Causette';
const REPLY = 'Yes: can the tote be gift wrapped?';

/** Fills condition row `i` of the builder as a marketer does: field, then operator, then value. */
async function setCondition(page: Page, i: number, field: string, operator: string, value: string): Promise<void> {
  const row = page.locator('[data-test=condition]').nth(i);
  await row.locator('select[name=field]').selectOption(field);
  await row.locator('select[name=operator]').selectOption(operator);
  await row.locator('input[name=value]').fill(value);
}

describe.skipIf(skip !== null)(withReason('journey: a cart trigger, from the console to the chat', skip), () => {
  const journey = setupJourney('trigger-cart-teaser');

  it('shows the teaser after 5 s on the cart page, credits the chat to the trigger and counts it', async () => {
    const { baseUrl } = journey();
    const marketerContext = await journey().person('marketer');
    const marketer = await marketerContext.newPage();
    await loginAgent(marketer, baseUrl);

    // The marketer writes the rule in the console: three conditions, one message, saved.
    await marketer.locator('[data-test=nav-triggers]').click();
    await marketer.locator('[data-test=new-trigger]').click();
    await marketer.waitForURL('**/console/triggers/new');
    await marketer.locator('input[name=trigger-name]').fill(NAME);
    for (let i = 0; i < 3; i++) await marketer.locator('[data-test=add-condition]').click();
    await setCondition(marketer, 0, 'cart.total', 'gt', '50');
    await setCondition(marketer, 1, 'page.path', 'equals', '/demo/cart.html');
    await setCondition(marketer, 2, 'time_on_page', 'gt', '5');
    const variant = marketer.locator('[data-test=variant]').first();
    await variant.locator('textarea[name=message]').fill(TEXT);
    await variant.locator('input[name=sender]').fill(SENDER);
    await marketer.locator('[data-test=save-trigger]').click();
    // A saved new trigger gets its own address.
    await marketer.waitForURL((url) => /^\/console\/triggers\/(?!new$)[A-Za-z0-9_-]+$/.test(url.pathname));
    const triggerId = new URL(marketer.url()).pathname.split('/').pop()!;

    // What the console saved is exactly the rule the marketer wrote.
    const site = await demoSite(marketerContext, baseUrl);
    const saved = (await listTriggers(marketerContext, baseUrl, site.id)).find((t) => t.id === triggerId);
    expect(saved).toMatchObject({
      name: NAME,
      status: 'active',
      conditions: {
        match: 'all',
        conditions: [
          { field: 'cart.total', operator: 'gt', value: 50 },
          { field: 'page.path', operator: 'equals', value: '/demo/cart.html' },
          { field: 'time_on_page', operator: 'gt', value: 5 },
        ],
      },
      variants: [{ id: 'A', message: { text: TEXT, senderName: SENDER } }],
    });

    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    // The visitor fills a cart of 57 € on the product pages: no teaser there.
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/products/tote.html');
    await visitor.locator('[data-add-to-cart=tote]').click();
    await visitor.goto(`${baseUrl}/demo/products/mug.html`);
    await visitor.locator('[data-add-to-cart=mug]').click();
    await visitor.locator('[data-shop=cart-count]').filter({ hasText: '2' }).waitFor();

    // On the cart page the visitor waits; the teaser comes once the rule holds, after 5 s on the page.
    const leftForCart = Date.now();
    await Promise.all([visitor.waitForURL('**/demo/cart.html'), visitor.locator('[data-shop=cart-link]').click()]);
    await visitor.locator('[data-shop=cart-total]').filter({ hasText: '57' }).waitFor();
    const teaser = visitor.locator(T.teaser);
    await waitFor('the teaser to appear on the cart page', () => teaser.isVisible(), { timeout: 15_000, interval: 50 });
    const after = Date.now() - leftForCart;
    console.info(`[trigger-cart-teaser] teaser shown ${after} ms after the visitor headed for the cart page`);
    expect(after, 'the teaser must wait for more than 5 s on the cart page').toBeGreaterThanOrEqual(5_000);
    expect((await visitor.locator(T.teaserText).textContent())?.trim()).toBe(TEXT);
    expect(await teaser.textContent()).toContain(SENDER);

    // The visitor clicks the bubble: the chat opens with the teaser as its first line, and they answer.
    await teaser.click();
    await visitor.locator(W.panel).waitFor({ state: 'visible' });
    await waitFor('the open chat to show the teaser text', async () => (await widgetLines(visitor)).some((l) => l.text === TEXT));
    await sendVisitorMessage(visitor, REPLY);

    // The agent finds the chat and sees it was started by the marketer's trigger.
    const conversationId = await openConversationShowing(agent, 'queue', REPLY);
    await takeOpenConversation(agent, conversationId);
    const startedBy = agent.locator(`${C.sidebar} [data-test=started-by]`);
    await waitFor(`the sidebar to say the chat was started by "${NAME}"`, async () => {
      const text = (await startedBy.textContent()) ?? '';
      if (!text.includes(NAME)) throw new Error(`started-by reads "${text}"`);
      return true;
    });

    // The server counts one impression and one conversation, and nothing more arrives afterwards.
    const counts = async () => {
      const a = (await triggerStats(marketerContext, baseUrl, triggerId)).funnel.find((f) => f.variant === 'A');
      return { impressions: a?.impressions ?? 0, conversations: a?.conversations ?? 0 };
    };
    await waitForExactly('the trigger stats (API) to count the impression and the conversation', counts, { impressions: 1, conversations: 1 });

    // The marketer opens the trigger's page and reads the same figures.
    await marketer.goto(`${baseUrl}/console/triggers/${triggerId}`);
    await marketer.locator('[data-test=trigger-stats]').waitFor({ state: 'visible' });
    const figures = await statsFigures(marketer);
    expect({ impressions: figures.impressions, conversations: figures.conversations }).toEqual({ impressions: '1', conversations: '1' });
  }, 45_000);
});
