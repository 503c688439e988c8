/**
 * Journey 2: the chat follows the visitor. After a few messages the visitor clicks to another page of the
 * shop, then reloads it: the same history is there, in the same order, nothing missing, nothing twice,
 * and the conversation goes on.
 */
import { describe, it } from 'vitest';
import { asPairs, assertEachOnce, assertSeqAscending, dialogue, type ChatLine } from '../support/chat-lines.js';
import { loginAgent, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat, visitorWrites } from '../support/scenes.js';
import { assertEqual, waitForExactly } from '../support/wait.js';
import { W, openChat, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: history survives navigation', skip), () => {
  const journey = setupJourney('history-survives-navigation');

  it('keeps the whole history, in order and once, across a page change and a reload', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/');

    const texts = [
      'Hi, do you ship to Belgium?',
      'Yes, we ship to Belgium in 2 to 3 working days.',
      'Great. And is the mug dishwasher safe?',
      'It is, the glaze is fired at 1280 °C.',
    ];
    await startChat(visitor, agent, texts[0]!);
    await agentReplies(agent, visitor, texts[1]!);
    await visitorWrites(visitor, agent, texts[2]!);
    await agentReplies(agent, visitor, texts[3]!);

    const expectedPairs: Array<[string, string]> = [
      ['visitor', texts[0]!],
      ['agent', texts[1]!],
      ['visitor', texts[2]!],
      ['agent', texts[3]!],
    ];
    await waitForExactly('the visitor to see the four messages', async () => asPairs(dialogue(await widgetLines(visitor))), expectedPairs);
    const before: ChatLine[] = dialogue(await widgetLines(visitor));
    assertSeqAscending('visitor before navigating', before);

    // A real click to another page: a full page load, the widget starts again from nothing in memory.
    await Promise.all([visitor.waitForURL('**/demo/products/mug.html'), visitor.locator('[data-product=mug]').first().click()]);
    await openChat(visitor);
    await waitForExactly('the same history after navigating', async () => dialogue(await widgetLines(visitor)), before, {
      timeout: 10_000,
      settle: 1_500,
    });
    assertEachOnce('visitor after navigating', await widgetLines(visitor), texts);

    await visitor.reload();
    await openChat(visitor);
    await waitForExactly('the same history after reloading', async () => dialogue(await widgetLines(visitor)), before, {
      timeout: 10_000,
      settle: 1_500,
    });
    assertEachOnce('visitor after reloading', await widgetLines(visitor), texts);

    // The conversation goes on from the new page, in both directions, appended after the history.
    const more = ['Perfect, I will take two mugs.', 'Lovely, they are in stock.'];
    await visitorWrites(visitor, agent, more[0]!);
    await agentReplies(agent, visitor, more[1]!);
    const all: Array<[string, string]> = [...expectedPairs, ['visitor', more[0]!], ['agent', more[1]!]];
    await waitForExactly('the visitor to see the history then the new messages', async () => asPairs(dialogue(await widgetLines(visitor))), all);
    await waitForExactly('the agent to see the same', async () => asPairs(dialogue(await threadLines(agent))), all);
    const after = dialogue(await widgetLines(visitor));
    assertSeqAscending('visitor at the end', after);
    assertEqual('the old messages kept their seq', after.slice(0, before.length), before);
    assertEqual('visitor and agent agree on seq', after.map((l) => l.seq), dialogue(await threadLines(agent)).map((l) => l.seq));
    await visitor.locator(W.panel).waitFor({ state: 'visible' });
  });
});
