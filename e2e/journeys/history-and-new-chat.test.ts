/**
 * Journey: past conversations and a new chat. Hugo asks about a delivery; the agent answers and closes the chat.
 * Under the closed chat Hugo opens "Past conversations": one row, dated, with the agent's name and the last line;
 * opening it shows the whole conversation read-only. Back in the chat he starts a new conversation: the thread
 * is empty (the old chat does not linger), his next message opens a second conversation, which the agent
 * finds in the queue; once it is closed too, the history lists both, newest first.
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue, readLines } from '../support/chat-lines.js';
import { C, loginAgent, openConversationShowing, takeOpenConversation } from '../support/console.js';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { WF } from '../support/visitor-features.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: history and a new chat', skip), () => {
  const journey = setupJourney('history-and-new-chat');

  it('a closed chat stays readable in the history, and a new conversation starts clean', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const hugo = await visitShop(await journey().person('hugo'), baseUrl, '/demo/');
    const question = 'When will order CZ-2201 arrive?';
    const answer = 'It left our warehouse today; expect it on Thursday.';
    const first = await startChat(hugo, agent, question);
    await agentReplies(agent, hugo, answer);
    await agent.locator(C.close).click();
    await hugo.locator(WF.closed).waitFor({ state: 'visible', timeout: 15_000 });

    // The history: one row, with the agent and the last line.
    await hugo.locator(`${WF.closed} ${WF.historyOpen}`).click();
    const rows = hugo.locator(WF.historyItem);
    await waitFor('one conversation in the history', async () => (await rows.count()) === 1);
    const row = ((await rows.first().textContent()) ?? '').replace(/\s+/g, ' ');
    if (!row.includes(answer) || !/with /.test(row)) throw new Error(`the history row reads "${row}"`);
    assertEqual('the row is the closed chat', await rows.first().getAttribute('data-id'), first);
    await assertNoSeriousViolations(hugo, 'the history list', WIDGET_CONTEXT);

    // Read-only: the whole conversation, no composer.
    await rows.first().locator('button').click();
    await waitForExactly('the past conversation to show both lines', async () => {
      const lines = await hugo.locator(`${WF.historyMessages} ${W.message}`).evaluateAll(readLines, W.body);
      return asPairs(dialogue(lines));
    }, [['visitor', question], ['agent', answer]]);
    assertEqual('composers while reading a past conversation', await hugo.locator(W.input).count(), 0);
    await assertNoSeriousViolations(hugo, 'a past conversation', WIDGET_CONTEXT);
    await hugo.locator(WF.historyBack).click(); // to the list
    await hugo.locator(WF.historyBack).click(); // to the chat

    // A new conversation: an empty thread, then a second conversation on the server.
    await hugo.locator(WF.newChat).click();
    await waitFor('the thread to be empty', async () => (await widgetLines(hugo)).length === 0);
    assertEqual('the closed chat’s actions after starting anew', await hugo.locator(WF.closed).count(), 0);
    const again = 'Another question: do you gift-wrap?';
    await sendVisitorMessage(hugo, again);
    await waitForExactly("Hugo's new thread", async () => asPairs(dialogue(await widgetLines(hugo))), [['visitor', again]]);
    const second = await openConversationShowing(agent, 'queue', again);
    if (second === first) throw new Error('the new message went to the closed conversation');

    // Once that one is closed too, the history lists both, newest first.
    await takeOpenConversation(agent, second);
    await agent.locator(C.close).click();
    await hugo.locator(`${WF.closed} ${WF.historyOpen}`).click();
    await waitFor('both conversations in the history, newest first', async () => {
      const ids = await hugo.locator(WF.historyItem).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      return ids.join() === [second, first].join();
    });
  });
});
