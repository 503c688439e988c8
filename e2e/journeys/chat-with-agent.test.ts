/**
 * Journey 1: a visitor on the shop opens the chat and writes; an agent in the console sees it in the queue,
 * takes it and replies; the visitor reads the reply, signed by the agent. Each sees the other typing.
 */
import { describe, it } from 'vitest';
import { asPairs, assertEachOnce, assertSeqAscending, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, queueItems, sendAgentMessage, takeOpenConversation, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { saveDocScreenshot, updatingScreenshots } from '../support/screenshots.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, openChat, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: chat with an agent', skip), () => {
  const journey = setupJourney('chat-with-agent');

  it('a visitor writes, an agent takes the chat and replies, and the visitor reads it', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/');
    await openChat(visitor);

    const question = 'Hello! Is the canvas tote big enough for a 15-inch laptop?';
    await visitor.locator(W.input).fill(question);
    await visitor.locator(W.send).click();
    await waitFor('the visitor message to be stored (it gets a seq)', async () =>
      dialogue(await widgetLines(visitor)).some((l) => l.author === 'visitor' && l.text === question),
    );

    // The agent sees one waiting conversation, opens it, reads the question and takes it.
    await waitFor('exactly one conversation in the queue', async () => (await queueItems(agent).count()) === 1, { timeout: 15_000 });
    const row = queueItems(agent).first();
    const conversationId = await row.getAttribute('data-id');
    if (!conversationId) throw new Error('the queue row has no data-id');
    await row.click();
    await waitForExactly('the thread to show the question once', async () => asPairs(dialogue(await threadLines(agent))), [
      ['visitor', question],
    ]);
    await takeOpenConversation(agent, conversationId);
    assertEqual('conversations left in the queue', await queueItems(agent).count(), 0);
    assertEqual('conversations in "mine"', await mineItems(agent).count(), 1);

    // The visitor types a follow-up: the agent sees it typing, and the indicator goes once it is sent.
    const agentSeesTyping = agent.locator(C.typing).filter({ visible: true });
    await visitor.locator(W.input).pressSequentially('And is it ', { delay: 60 });
    await waitFor('the console to show the visitor typing', async () => (await agentSeesTyping.count()) > 0);
    const followUp = 'And is it waterproof?';
    await visitor.locator(W.input).fill(followUp);
    await visitor.locator(W.send).click();
    await waitFor('the follow-up in the agent thread', async () => (await threadLines(agent)).some((l) => l.text === followUp));
    await waitFor('the typing indicator to go once the message is sent', async () => (await agentSeesTyping.count()) === 0);

    // The agent types: the visitor sees it typing. Then the reply arrives, signed by an agent.
    const visitorSeesTyping = visitor.locator(W.typing).filter({ visible: true });
    await agent.locator(C.composer).pressSequentially('It fits ', { delay: 60 });
    await waitFor('the widget to show the agent typing', async () => (await visitorSeesTyping.count()) > 0);
    const reply = 'It fits a 15-inch laptop, and the canvas is waxed, so light rain is fine.';
    await sendAgentMessage(agent, reply);

    const expected: Array<[string, string]> = [
      ['visitor', question],
      ['visitor', followUp],
      ['agent', reply],
    ];
    await waitForExactly('the visitor to see the dialogue, in order, once each', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      timeout: 10_000,
    });
    await waitForExactly('the agent to see the same dialogue', async () => asPairs(dialogue(await threadLines(agent))), expected);

    const visitorLines = await widgetLines(visitor);
    const agentLines = await threadLines(agent);
    assertEachOnce('visitor', visitorLines, [question, followUp, reply]);
    assertEachOnce('agent', agentLines, [question, followUp, reply]);
    assertSeqAscending('visitor', dialogue(visitorLines));
    assertEqual('both sides show the same server order (seq)', dialogue(visitorLines).map((l) => l.seq), dialogue(agentLines).map((l) => l.seq));
    await waitFor('the widget typing indicator to go once the reply is sent', async () => (await visitorSeesTyping.count()) === 0);

    await agent.locator(C.sidebar).waitFor({ state: 'visible' });
    if (updatingScreenshots) {
      // The README's pictures show a visitor with something in the cart, on a product page.
      await visitor.goto(`${baseUrl}/demo/products/tote.html`);
      await visitor.locator('[data-add-to-cart=tote]').click();
      await openChat(visitor);
      await agent.locator(`${C.sidebar} ${C.cartItem}`).first().waitFor({ state: 'visible' });
    }
    await saveDocScreenshot(visitor, 'widget');
    await saveDocScreenshot(agent, 'console');
  });
});
