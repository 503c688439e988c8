/**
 * Journey: the agent sees how the visitor rated the chat. Noé asks about a refund, the admin (who also answers
 * chats) replies — the reply's receipt in the console goes on to "Read" as Noé has the panel open — and closes
 * the chat. Noé rates it 4 stars with a comment in the widget. Without a reload, the admin's sidebar shows
 * "Rated 4 out of 5" and the comment, and the chat's header a badge. The Reports screen then shows the average,
 * the 4-star bar, the admin in the per-agent table and the comment, for 30 and 7 days; axe finds nothing serious.
 */
import { describe, it } from 'vitest';
import { assertNoSeriousViolations } from '../support/axe.js';
import { C, loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { visitShop } from '../support/widget.js';

const skip = requireChromium();

type Marked = { e2eNoReload?: boolean };

describe.skipIf(skip !== null)(withReason('journey: the visitor’s rating in the console and in Reports', skip), () => {
  const journey = setupJourney('csat-in-console');

  it('a rating given in the widget reaches the agent’s sidebar live and the CSAT report', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('admin')).newPage();
    await loginAgent(agent, baseUrl);
    const noe = await visitShop(await journey().person('noe'), baseUrl, '/demo/');
    const conversationId = await startChat(noe, agent, 'Hello, can I still get a refund for order 1042?');
    const reply = 'Yes: you have 30 days, I have started it for you.';
    await agentReplies(agent, noe, reply);

    // The reply's receipt: Noé's panel is open, so it ends as read, said in words.
    const receipt = agent.locator(`${C.thread} ${C.message}[data-author=agent]`).last().locator('[data-part=receipt]');
    await waitFor('the reply to show as read in the console', async () => (await receipt.getAttribute('data-receipt')) === 'read');
    assertEqual('what a screen reader hears for the receipt', await receipt.locator('.visually-hidden').textContent(), 'Read');

    await agent.evaluate(() => ((window as Marked).e2eNoReload = true));
    await agent.locator(C.close).click();
    const sidebarRating = agent.locator(`${C.sidebar} [data-part=sidebar-rating]`);
    assertEqual('a rating in the sidebar before Noé rates', await sidebarRating.count(), 0);

    // Noé rates the closed chat in the widget: 4 stars and a comment.
    await noe.locator(WF.rating).waitFor({ state: 'visible', timeout: 15_000 });
    await noe.getByLabel('4 out of 5').check();
    const comment = 'Fast and friendly, thank you!';
    await noe.locator(WF.ratingComment).fill(comment);
    await noe.locator(WF.ratingSubmit).click();
    await noe.locator(WF.ratingGiven).waitFor({ timeout: 15_000 });

    // The admin sees it live, next to the chat.
    await sidebarRating.waitFor({ timeout: 15_000 });
    assertEqual('the stars as announced', await sidebarRating.locator('[data-part=rating]').getAttribute('aria-label'), 'Rated 4 out of 5');
    assertEqual('the comment in the sidebar', await sidebarRating.locator('[data-part=rating-comment]').textContent(), comment);
    assertEqual("the admin's console was never reloaded", await agent.evaluate(() => (window as Marked).e2eNoReload), true);
    assertEqual('the badge in the chat’s header', await agent.locator('.conversation__header [data-part=rating]').getAttribute('aria-label'), 'Rated 4 out of 5');

    // Reports: the average, the bar for 4 stars, the admin's row and the comment.
    await agent.locator('[data-test=nav-reports]').click();
    const average = agent.locator('[data-part=csat-average]');
    await average.waitFor({ timeout: 15_000 });
    assertEqual('the average', (await average.locator('dd').textContent())?.trim(), '4.0 out of 5');
    assertEqual('rated chats', (await agent.locator('[data-part=csat-count] dd').textContent())?.trim(), '1');
    assertEqual(
      'the distribution as read out',
      await agent.locator('[data-part=csat-distribution] li .visually-hidden').allTextContents(),
      ['5 out of 5: 0', '4 out of 5: 1', '3 out of 5: 0', '2 out of 5: 0', '1 out of 5: 0'],
    );
    const agentRows = await agent.locator('[data-part=csat-agents] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    if (agentRows.length !== 1 || agentRows[0]![1] !== '1' || agentRows[0]![2] !== '4.0 out of 5') throw new Error(`the per-agent table reads ${JSON.stringify(agentRows)}`);
    const entry = agent.locator(`[data-part=csat-comment][data-id="${conversationId}"]`);
    assertEqual('the comment in Reports', await entry.locator('blockquote').textContent(), comment);

    // Another period asks the server again; the chat of today is in the last 7 days too.
    await agent.locator('select[name=period]').selectOption('7');
    await waitFor('the 7-day report', async () => (await agent.locator('[data-part=csat-count] dd').textContent())?.trim() === '1');
    await assertNoSeriousViolations(agent, 'the Reports screen');

    // The comment leads back to the chat.
    await entry.locator('a').click();
    await agent.locator(`${C.sidebar} [data-part=sidebar-rating]`).waitFor();
  });
});
