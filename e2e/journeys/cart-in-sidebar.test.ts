/**
 * Journey 4: while they chat, the agent watches what the visitor does. The visitor adds products to the
 * cart and moves through the shop; the console's sidebar follows live — current page, journey, cart lines
 * and total — without the agent reloading anything.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { C, loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { startChat } from '../support/scenes.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { visitShop } from '../support/widget.js';

const skip = requireChromium();

/** The amount a person reads in "€75.00", "75,00 €" or "Total: EUR 75". */
function amountIn(text: string): number | null {
  const match = /(\d+(?:[.,]\d{1,2})?)/.exec(text.replace(/\s/g, ''));
  return match ? Number(match[1]!.replace(',', '.')) : null;
}

interface SidebarCart {
  lines: string[];
  total: number | null;
}

async function sidebarCart(agent: Page): Promise<SidebarCart> {
  const sidebar = agent.locator(C.sidebar);
  const lines = (await sidebar.locator(C.cartItem).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  const totalText = (await sidebar.locator(C.cartTotal).count()) > 0 ? await sidebar.locator(C.cartTotal).first().textContent() : null;
  return { lines, total: totalText === null ? null : amountIn(totalText) };
}

/** Waits until the sidebar cart shows exactly these products (name and quantity) and this total. */
async function expectSidebarCart(agent: Page, items: Array<{ name: string; qty: number }>, total: number): Promise<void> {
  await waitFor(`the sidebar cart to show ${JSON.stringify(items)} and a total of ${total}`, async () => {
    const cart = await sidebarCart(agent);
    const ok =
      cart.lines.length === items.length &&
      items.every((item) => cart.lines.some((line) => line.includes(item.name) && new RegExp(`(^|\\D)${item.qty}(\\D|$)`).test(line))) &&
      cart.total === total;
    if (!ok) throw new Error(`sidebar shows ${JSON.stringify(cart)}`);
    return true;
  });
}

/** The sidebar's current page, as a person recognises it: by its path or its title. */
async function expectCurrentPage(agent: Page, path: string, title: string): Promise<void> {
  await waitFor(`the sidebar to show the current page ${path}`, async () => {
    const text = (await agent.locator(`${C.sidebar} ${C.currentPage}`).textContent()) ?? '';
    if (!text.includes(path) && !text.includes(title)) throw new Error(`current page reads "${text.trim()}"`);
    return true;
  });
}

describe.skipIf(skip !== null)(withReason('journey: cart in the sidebar', skip), () => {
  const journey = setupJourney('cart-in-sidebar');

  it("shows the visitor's cart, total and current page live in the agent's sidebar", async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/');
    await startChat(visitor, agent, 'Hello, I am looking for a gift under 120 euros.');

    await agent.locator(C.sidebar).waitFor({ state: 'visible' });
    // Proof that nothing below comes from a console reload: a reload would drop this marker.
    await agent.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));

    await Promise.all([visitor.waitForURL('**/products/tote.html'), visitor.locator('[data-product=tote]').first().click()]);
    await expectCurrentPage(agent, '/demo/products/tote.html', 'Canvas tote');
    await visitor.locator('[data-add-to-cart=tote]').click();
    await expectSidebarCart(agent, [{ name: 'Canvas tote', qty: 1 }], 39);

    await visitor.goto(`${baseUrl}/demo/products/mug.html`);
    await expectCurrentPage(agent, '/demo/products/mug.html', 'Stoneware mug');
    await visitor.locator('[data-add-to-cart=mug]').click();
    await visitor.locator('[data-add-to-cart=mug]').click();
    await visitor.locator('[data-shop=cart-count]').filter({ hasText: '3' }).waitFor();
    await expectSidebarCart(agent, [{ name: 'Canvas tote', qty: 1 }, { name: 'Stoneware mug', qty: 2 }], 75);

    await Promise.all([visitor.waitForURL('**/demo/cart.html'), visitor.locator('[data-shop=cart-link]').click()]);
    await expectCurrentPage(agent, '/demo/cart.html', 'Your cart');
    await visitor.getByRole('button', { name: 'One more Canvas tote' }).click();
    await expectSidebarCart(agent, [{ name: 'Canvas tote', qty: 2 }, { name: 'Stoneware mug', qty: 2 }], 114);

    // The journey lists the pages in the order they were seen (oldest or newest first: a layout choice).
    const journeyTexts = await agent.locator(`${C.sidebar} ${C.journeyItem}`).allTextContents();
    const at = (path: string, title: string) => journeyTexts.findIndex((t) => t.includes(path) || t.includes(title));
    const order = [at('/products/tote.html', 'Canvas tote'), at('/products/mug.html', 'Stoneware mug'), at('/demo/cart.html', 'Your cart')];
    const ascending = order[0]! < order[1]! && order[1]! < order[2]!;
    const descending = order[0]! > order[1]! && order[1]! > order[2]!;
    if (order.some((i) => i < 0) || !(ascending || descending)) {
      throw new Error(`the journey should list tote, mug, cart in that order; it reads ${JSON.stringify(journeyTexts)}`);
    }

    assertEqual('the console was never reloaded', await agent.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload), true);
  });
});
