/**
 * Journey: rating a chat. Inès asks a question, an agent answers and closes the chat from the console. Her panel
 * asks "How was this chat?" with five stars; she rates it with the keyboard only (Shift+Tab back to the stars, an arrow key,
 * Tab to the comment, Enter), reads "You rated this chat 4/5.", and the rating and comment are stored (the admin
 * reads them back over REST). She changes her mind: 5 stars replace the 4.
 */
import { describe, it } from 'vitest';
import { C, loginAgent } from '../support/console.js';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { adminReader, focusedInWidget, WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { visitShop } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: CSAT rating', skip), () => {
  const journey = setupJourney('csat-rating');

  it('after the agent closes the chat, the visitor rates it with the keyboard; the rating is stored and can be changed', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const ines = await visitShop(await journey().person('ines'), baseUrl, '/demo/');
    const conversationId = await startChat(ines, agent, 'Do you ship to Belgium?');
    await agentReplies(agent, ines, 'Yes, in 3 to 5 working days.');
    await agent.locator(C.close).click();

    const form = ines.locator(WF.rating);
    await form.waitFor({ state: 'visible', timeout: 15_000 });
    await assertNoSeriousViolations(ines, 'the rating form', WIDGET_CONTEXT);

    // Keyboard only: back from the composer to the stars, four with the arrow keys, a comment, Enter.
    await ines.locator('[data-part=input]').focus();
    await waitFor('Shift+Tab to reach the stars', async () => {
      if ((await focusedInWidget(ines)).name === 'cz-score') return true;
      await ines.keyboard.press('Shift+Tab');
      return false;
    }, { timeout: 10_000 });
    // Coming back into a group with nothing chosen, the browser lands on its last radio.
    assertEqual('the star reached, as it is announced', (await focusedInWidget(ines)).label, '5 out of 5');
    await ines.keyboard.press('ArrowLeft');
    assertEqual('the star chosen with the arrows', (await focusedInWidget(ines)).label, '4 out of 5');
    await ines.keyboard.press('Tab');
    assertEqual('after the stars', (await focusedInWidget(ines)).part, 'rating-comment');
    await ines.keyboard.type('Quick and clear answer.');
    await ines.keyboard.press('Tab');
    assertEqual('after the comment', (await focusedInWidget(ines)).part, 'rating-submit');
    await ines.keyboard.press('Enter');

    await waitFor('Inès to read her rating', async () => ((await ines.locator(WF.ratingGiven).textContent()) ?? '').includes('You rated this chat 4/5.'));
    const reader = await adminReader(await journey().person('admin'), baseUrl);
    const stored = await reader.conversation(conversationId);
    assertEqual('the rating stored', [stored.rating?.score, stored.rating?.comment], [4, 'Quick and clear answer.']);

    // She changes it to 5.
    await ines.locator(WF.ratingChange).click();
    await ines.getByLabel('5 out of 5').check();
    await ines.locator(WF.ratingSubmit).click();
    await waitFor('Inès to read her new rating', async () => ((await ines.locator(WF.ratingGiven).textContent()) ?? '').includes('You rated this chat 5/5.'));
    assertEqual('the rating stored after the change', (await reader.conversation(conversationId)).rating?.score, 5);
  });
});
