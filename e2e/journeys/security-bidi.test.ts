/**
 * Issue 13, item 4 — a bidi override in a visitor's name, in Chromium. Mallory names herself `Mal \u202Egnp.exe`
 * through the shop page's API: with the override, agents read "Mal exe.png". In the console the name must read
 * as she typed its letters, left to right ("Mal gnp.exe"), in the inbox row, the chat title and the sidebar, and
 * each sits in an isolating element, so a name stored before the server stripped controls could not reorder the
 * console's words around it either.
 */
import type { Locator } from 'playwright-core';
import { describe, it } from 'vitest';
import { C, loginAgent, openConversationShowing } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { openChat, sendVisitorMessage, visitShop } from '../support/widget.js';

const skip = requireChromium();
const NAME = 'Mal \u202Egnp.exe';
const SHOWN = 'Mal gnp.exe';

/**
 * Whether the "g" of "gnp" is drawn left of the last "e" of "exe", as in left-to-right text; under the override
 * the run is drawn reversed ("exe.png") and the "g" ends up on the right.
 */
async function readsLeftToRight(name: Locator): Promise<boolean> {
  return name.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const text = walker.nextNode() as Text;
    const x = (index: number) => {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return range.getBoundingClientRect().left;
    };
    const g = text.data.indexOf('g');
    return x(g) < x(text.data.length - 1);
  });
}

describe.skipIf(skip !== null)(withReason('journey: a bidi override in a visitor name (security 13.4)', skip), () => {
  const journey = setupJourney('security-bidi');

  it('shows a visitor name with an override as typed, left to right and isolated, across the console', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const visitor = await visitShop(await journey().person('visitor'), baseUrl);
    await visitor.evaluate((name) => (window as unknown as { causette: (...a: unknown[]) => void }).causette('identify', { name }), NAME);
    await openChat(visitor);
    await sendVisitorMessage(visitor, 'Is this file safe?');

    const conversationId = await openConversationShowing(agent, 'queue', 'Is this file safe?');
    const places: Array<[string, Locator]> = [
      ['the inbox row', agent.locator(`${C.queue} ${C.item}[data-id="${conversationId}"] .conversation-item__name`)],
      ['the chat title', agent.locator('#conversation-title bdi')],
      ['the sidebar', agent.locator(`${C.sidebar} [data-part=visitor-name]`)],
    ];
    for (const [place, name] of places) {
      await waitFor(`${place} to show the visitor name`, async () => (await name.textContent()) === SHOWN);
      assertEqual(`${place}: the name drawn left to right`, await readsLeftToRight(name), true);
      assertEqual(
        `${place}: the name isolated from the text around it`,
        await name.evaluate((el) => getComputedStyle(el).unicodeBidi),
        'isolate',
      );
    }
  });
});
