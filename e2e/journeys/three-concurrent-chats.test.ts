/**
 * Journey 3: one agent holds three chats at once. Three visitors (three separate browsers) write; the agent
 * takes all three and answers each with a different text. Each visitor gets exactly its own answer and
 * never sees another visitor's.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { loginAgent, mineItems, openConversationShowing, queueItems, sendAgentMessage, takeOpenConversation, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { openChat, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

const people = [
  { name: 'Alice', page: '/demo/products/tote.html', question: 'Alice here: what colours does the tote come in?', reply: 'Alice, the tote comes in natural and charcoal.' },
  { name: 'Bruno', page: '/demo/products/mug.html', question: 'Bruno here: can I buy the mug in a set of four?', reply: 'Bruno, yes: a set of four mugs is 64 euros.' },
  { name: 'Chloé', page: '/demo/products/candle.html', question: 'Chloé here: how long does the candle burn?', reply: 'Chloé, the candle burns for about 40 hours.' },
];

describe.skipIf(skip !== null)(withReason('journey: three concurrent chats', skip), () => {
  const journey = setupJourney('three-concurrent-chats');

  it('one agent answers three visitors, and each visitor sees only its own answer', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const visitors: Page[] = await Promise.all(people.map(async (p) => visitShop(await journey().person(p.name), baseUrl, p.page)));
    await Promise.all(
      visitors.map(async (page, i) => {
        await openChat(page);
        await sendVisitorMessage(page, people[i]!.question);
      }),
    );

    await waitFor('three conversations in the queue', async () => (await queueItems(agent).count()) === 3, { timeout: 15_000 });
    const ids: string[] = [];
    for (const p of people) {
      const id = await openConversationShowing(agent, 'queue', p.question);
      await takeOpenConversation(agent, id);
      ids.push(id);
    }
    assertEqual('three distinct conversations', new Set(ids).size, 3);
    await waitFor('all three in "mine" and none left in the queue', async () =>
      (await mineItems(agent).count()) === 3 && (await queueItems(agent).count()) === 0,
    );

    // Answer in a different order than they came, to catch a reply routed to "the latest" conversation.
    for (const i of [2, 0, 1]) {
      const p = people[i]!;
      await openConversationShowing(agent, 'mine', p.question);
      await sendAgentMessage(agent, p.reply);
      await waitForExactly(`${p.name}'s thread to hold exactly the question and its reply`, async () => asPairs(dialogue(await threadLines(agent))), [
        ['visitor', p.question],
        ['agent', p.reply],
      ]);
    }

    await Promise.all(
      visitors.map((page, i) =>
        waitForExactly(
          `${people[i]!.name} to see the question and only its own reply`,
          async () => asPairs(dialogue(await widgetLines(page))),
          [
            ['visitor', people[i]!.question],
            ['agent', people[i]!.reply],
          ],
          { timeout: 10_000, settle: 1_500 },
        ),
      ),
    );
    for (const [i, page] of visitors.entries()) {
      const shown = (await widgetLines(page)).map((l) => l.text);
      for (const [j, other] of people.entries()) {
        if (j === i) continue;
        if (shown.includes(other.reply) || shown.includes(other.question)) {
          throw new Error(`${people[i]!.name} sees ${other.name}'s messages: ${JSON.stringify(shown)}`);
        }
      }
    }
  });
});
