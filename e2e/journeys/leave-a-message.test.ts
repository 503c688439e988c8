/**
 * Journey: a visitor writes in while nobody is at the console. Léa opens the chat on the demo shop and finds,
 * instead of a composer, a form to leave her address and a message; she sends it, reads that the shop will
 * answer at her address, and leaves. Another shopper, Tom, opens the chat a little later and sees the same form.
 * Then an agent logs in: Tom's form gives way to the composer on the spot. The agent finds Léa's message under
 * Left messages with her address, opens it and answers; the chat moves to their "My chats". When Léa comes back
 * to the shop, her chat holds her message and the answer, and she can carry on writing to the agent.
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, queueItems, sendAgentMessage, threadLines } from '../support/console.js';
import { signedInAgent } from '../support/console-team.js';
import { S, WO, openPanel, pendingItems, textOf } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { visitorWrites } from '../support/scenes.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

type Marked = { e2eNoReload?: boolean };

describe.skipIf(skip !== null)(withReason('journey: leave a message', skip), () => {
  const journey = setupJourney('leave-a-message');

  it('nobody online: the visitor leaves a message, an agent answers it later, and the visitor reads the answer on coming back', async () => {
    const { baseUrl } = journey();
    const email = 'lea.moreau@example.com';
    const question = 'Hello, do you restock the linen apron in sage green? I would like two.';

    // Léa: nobody is online, so the panel offers the form, not the composer.
    const leaContext = await journey().person('lea');
    const lea = await visitShop(leaContext, baseUrl, '/demo/');
    assertEqual('what the panel shows Léa while nobody is online', await openPanel(lea), 'form');
    assertEqual('composers in Léa\'s panel', await lea.locator(W.input).count(), 0);
    await lea.locator(WO.offlineEmail).fill(email);
    await lea.locator(WO.offlineName).fill('Léa Moreau');
    await lea.locator(WO.offlineMessage).fill(question);
    await lea.locator(WO.offlineSubmit).click();

    // The confirmation names her address; her message is in the chat, stored; the form is gone.
    await waitFor(`Léa to read a confirmation naming ${email}`, async () => {
      const sent = await textOf(lea, WO.offlineSent);
      if (!sent.includes(email)) throw new Error(`the confirmation reads "${sent}"`);
      return true;
    });
    await waitForExactly("Léa's chat to show her message, stored", async () => asPairs(dialogue(await widgetLines(lea))), [['visitor', question]]);
    assertEqual('leave-a-message forms in Léa\'s panel after sending', await lea.locator(WO.offlineForm).count(), 0);
    await lea.close();

    // Tom opens the chat while nobody is online either, and does not fill the form in.
    const tom = await visitShop(await journey().person('tom'), baseUrl, '/demo/products/tote.html');
    assertEqual('what the panel shows Tom while nobody is online', await openPanel(tom), 'form');
    // Proof that the composer comes back live: a reload would drop this marker.
    await tom.evaluate(() => ((window as Marked).e2eNoReload = true));

    // An agent logs in.
    const agentContext = await journey().person('agent');
    const agent = await agentContext.newPage();
    await loginAgent(agent, baseUrl);
    const me = await signedInAgent(agentContext, baseUrl);

    // Tom's form gives way to the composer, without a reload.
    await waitFor("Tom's panel to swap the form for the composer once an agent is online", async () =>
      (await tom.locator(WO.offlineForm).count()) === 0 && (await tom.locator(W.input).isVisible()),
    );
    assertEqual("Tom's page was never reloaded", await tom.evaluate(() => (window as Marked).e2eNoReload), true);

    // The agent: Léa's message is under Left messages, with her address; not in the queue, not in "My chats".
    const row = pendingItems(agent).first();
    await waitFor('one left message with Léa\'s address', async () => {
      const n = await pendingItems(agent).count();
      const shown = n === 1 ? ((await row.locator(S.email).textContent()) ?? '').trim() : '';
      if (n !== 1 || shown !== email) throw new Error(`Left messages: ${n} row(s), the address reads "${shown}"`);
      return true;
    });
    const conversationId = (await row.getAttribute('data-id'))!;
    assertEqual('chats in the queue', await queueItems(agent).count(), 0);
    assertEqual('chats in "My chats"', await mineItems(agent).count(), 0);

    await row.click();
    await waitFor("the thread to show Léa's message", async () => asPairs(dialogue(await threadLines(agent))).some(([a, t]) => a === 'visitor' && t === question));
    await waitFor('the hint to offer a reply by email to Léa\'s address', async () => (await textOf(agent, `${S.pendingHint} ${S.email}`)) === email);

    // The agent answers: the chat leaves Left messages for "My chats".
    const reply = 'Hi Léa, the sage green apron is back on Friday; I have put two aside for you.';
    await sendAgentMessage(agent, reply);
    await waitFor('the answered chat to move from Left messages to "My chats"', async () =>
      (await pendingItems(agent).count()) === 0 && (await agent.locator(`${C.mine} ${C.item}[data-id="${conversationId}"]`).count()) === 1,
    );
    await waitFor('the pending hint to go once the chat is open', async () => (await agent.locator(S.pendingHint).count()) === 0);

    // Léa comes back to the shop: her chat shows her message and the answer, from the agent, and a composer.
    const back = await visitShop(leaContext, baseUrl, '/demo/');
    assertEqual('what the panel shows Léa when she comes back', await openPanel(back), 'composer');
    await waitForExactly('Léa to see her message and the answer, once each', async () => asPairs(dialogue(await widgetLines(back))), [
      ['visitor', question],
      ['agent', reply],
    ]);
    await waitFor(`Léa's header to name ${me.name}`, async () => (await textOf(back, W.agentName)) === me.name);
    assertEqual('leave-a-message forms when Léa comes back', await back.locator(WO.offlineForm).count(), 0);

    // And it is a live chat again: her next line reaches the agent at once.
    await visitorWrites(back, agent, 'Perfect, thank you! I will pick them up on Saturday.');
  });
});
