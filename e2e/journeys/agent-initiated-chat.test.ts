/**
 * Journey: a visitor shops without opening the chat. An agent watching the live visitors sees them — the page
 * they are on and their cart — and starts a chat with an opening message. The closed widget shows an unread
 * badge; the visitor opens it, reads the message, answers, and the agent reads the answer.
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, openConversationShowing, threadLines } from '../support/console.js';
import { CT, signedInAgent, visitorsOnSite } from '../support/console-team.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { demoSite } from '../support/triggers.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, openChat, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

/** "€39.00", "39,00 €", "EUR 39" all read as 39; "139" or "390" do not. */
const shows39 = (text: string) => /(^|[^\d.,])39([.,]00?)?(?![\d])/.test(text.replace(/\s+/g, ' '));

describe.skipIf(skip !== null)(withReason('journey: an agent starts the chat', skip), () => {
  const journey = setupJourney('agent-initiated-chat');

  it('the agent sees a shopper with a cart, writes first, and they talk', async () => {
    const { baseUrl } = journey();

    // The visitor browses and adds the tote to the cart, and never opens the chat.
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/');
    await Promise.all([visitor.waitForURL('**/products/tote.html'), visitor.locator('[data-product=tote]').first().click()]);
    await visitor.locator(W.launcher).waitFor({ state: 'visible' });
    await visitor.locator('[data-add-to-cart=tote]').click();
    await visitor.locator('[data-shop=cart-count]').filter({ hasText: '1' }).waitFor();
    assertEqual('the chat panel is closed', await visitor.locator(W.panel).isVisible(), false);

    const agentContext = await journey().person('agent');
    const agent = await agentContext.newPage();
    await loginAgent(agent, baseUrl);
    const me = await signedInAgent(agentContext, baseUrl);
    const site = await demoSite(agentContext, baseUrl);

    // Which visitor is the shopper: the only one on the site, as the API lists them, once the cart is in.
    const visitorId = await waitFor('GET /api/visitors to list the shopper on the tote page with the tote in the cart', async () => {
      const items = await visitorsOnSite(agentContext, baseUrl, site.id);
      const shopper = items.find((v) => v.currentPage?.path === '/demo/products/tote.html' && v.cart?.total === 39);
      if (items.length !== 1 || !shopper) throw new Error(`it lists ${JSON.stringify(items.map((v) => ({ id: v.visitorId, page: v.currentPage?.path, cart: v.cart })))}`);
      return shopper.visitorId;
    });

    // The agent opens the visitors screen from the navigation.
    await Promise.all([agent.waitForURL('**/console/visitors'), agent.locator(CT.navVisitors).click()]);
    const row = agent.locator(`${CT.visitorRow}[data-visitor-id="${visitorId}"]`);
    await waitFor('the visitor row to show the current page and the cart value', async () => {
      const text = ((await row.textContent({ timeout: 1_000 })) ?? '').replace(/\s+/g, ' ').trim();
      const page = text.includes('/demo/products/tote.html') || text.includes('Canvas tote');
      if (!page || !shows39(text)) throw new Error(`the row reads "${text}"`);
      return true;
    });
    assertEqual('visitor rows on the screen', await agent.locator(CT.visitorRow).count(), 1);

    // The agent starts the chat with an opening message.
    const opening = 'Hello! The canvas tote is also sold in navy, if you would like another colour.';
    await row.locator(CT.startChat).click();
    await agent.locator(CT.openingMessage).fill(opening);
    await agent.locator(CT.startChatSend).click();

    // The closed widget shows one unread message on the launcher.
    await waitFor('the launcher badge to show 1 unread message', async () => {
      const badge = ((await visitor.locator(W.badge).textContent({ timeout: 1_000 })) ?? '').trim();
      if (badge !== '1') throw new Error(`the badge reads "${badge}"`);
      return true;
    });
    assertEqual('the chat panel is still closed', await visitor.locator(W.panel).isVisible(), false);

    // The visitor opens the chat: the agent's message, from the agent, and the agent's name in the header.
    await openChat(visitor);
    await waitForExactly('the visitor to see the opening message once', async () => asPairs(dialogue(await widgetLines(visitor))), [['agent', opening]]);
    assertEqual('the widget header', (await visitor.locator(W.agentName).textContent())?.trim(), me.name);
    await waitFor('the badge to go once the message is read', async () => (await visitor.locator(W.badge).count()) === 0);

    // The visitor answers; the agent finds the chat in "My chats" and reads the answer.
    const answer = 'Oh nice, navy would be perfect. Is it in stock?';
    await sendVisitorMessage(visitor, answer);
    // Back to the inbox, wherever starting the chat left the agent (it is a tab of the console, not a reload).
    if (!(await agent.locator(C.mine).isVisible())) await agent.locator('[data-test=nav-inbox]').click();
    await waitFor('the started chat to be in the agent\'s "My chats"', async () => (await mineItems(agent).count()) === 1);
    await openConversationShowing(agent, 'mine', opening);
    await waitForExactly('the agent to see the opening message and the answer', async () => asPairs(dialogue(await threadLines(agent))), [
      ['agent', opening],
      ['visitor', answer],
    ]);
    await agent.locator(C.composer).waitFor({ state: 'visible' });
  });
});
