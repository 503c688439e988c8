/**
 * Journey: delivery receipts both ways. Omar writes while an agent is at the console with the chat not open.
 * His message goes from "Sending" to "Sent" (stored), to "Delivered" once the console has received it, and to
 * "Read" when the agent opens the chat: each state in words for assistive technology (and next to the ticks),
 * not only in ticks. Then the other way: Omar closes the panel; the agent's reply reaches his page, which reports
 * it delivered (the console says so) without reading it; when he opens the panel, the console says read.
 */
import { describe, it } from 'vitest';
import { C, loginAgent, openConversationShowing, sendAgentMessage, takeOpenConversation } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, openChat, visitShop } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: message status', skip), () => {
  const journey = setupJourney('message-status');

  it('the visitor sees sent, delivered and read as the console receives and reads; the agent sees delivered and read for the reply', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const omar = await visitShop(await journey().person('omar'), baseUrl, '/demo/');
    await openChat(omar);
    // Every state the visitor's message goes through, in order, as the widget draws them.
    await omar.evaluate(() => {
      const root = document.querySelector('#causette-root')!.shadowRoot!;
      const seen: string[] = ((window as unknown as { e2eStates: string[] }).e2eStates = []);
      const note = () => {
        const li = root.querySelector('[data-part=message][data-author=visitor]');
        const state = li?.getAttribute('data-state');
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      };
      new MutationObserver(note).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    const question = 'Hi! Is the walnut side table solid wood or veneer?';
    await omar.locator(W.input).fill(question);
    await omar.locator(W.send).click();
    const mine = omar.locator(`${W.message}[data-author=visitor]`);
    const status = mine.locator(WF.status);

    await waitFor('Omar’s message to read "Delivered" once the console has it', async () => (await mine.first().getAttribute('data-state')) === 'delivered');
    assertEqual('the status in words, for screen readers', await status.first().getAttribute('aria-label'), 'Delivered');
    assertEqual('the status in words, on screen', (await status.first().textContent())?.trim(), '✓✓Delivered');

    // The agent opens the chat in the queue (a glance: not read yet for Omar), then takes it: read.
    const conversationId = await openConversationShowing(agent, 'queue', question);
    assertEqual('after a glance in the queue', await mine.first().getAttribute('data-state'), 'delivered');
    await takeOpenConversation(agent, conversationId);
    await waitFor('Omar’s message to read "Read" once the agent takes the chat he is looking at', async () => (await mine.first().getAttribute('data-state')) === 'read');
    // The agent reads on as Omar writes again: both read, the word on the latest only.
    const more = 'And does it come assembled?';
    await omar.locator(W.input).fill(more);
    await omar.locator(W.send).click();
    await waitFor('both of Omar’s messages to read "Read"', async () => (await mine.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).join() === 'read,read');
    assertEqual('the status in words once read', await status.first().getAttribute('aria-label'), 'Read');
    assertEqual('on screen, the word on the latest message only', await status.evaluateAll((els) => els.map((e) => e.textContent?.trim())), ['✓✓', '✓✓Read']);
    const states = await omar.evaluate(() => (window as unknown as { e2eStates: string[] }).e2eStates);
    assertEqual('the states Omar’s first message went through', states, ['pending', 'sent', 'delivered', 'read']);

    // The other way: Omar closes the panel; the reply reaches his page (delivered) but he has not read it.
    await omar.locator('[data-part=close]').click();
    const reply = 'It is solid walnut, oiled by hand.';
    await sendAgentMessage(agent, reply);
    const receipt = agent.locator(`${C.thread} ${C.message}[data-author=agent]`).last().locator('[data-part=receipt]');
    await waitFor('the console to show the reply delivered to Omar', async () => (await receipt.getAttribute('data-receipt')) === 'delivered');
    await omar.locator(W.launcher).click();
    await waitFor('the console to show the reply read once Omar opens the panel', async () => (await receipt.getAttribute('data-receipt')) === 'read');
  });
});
