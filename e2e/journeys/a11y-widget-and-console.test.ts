/**
 * Journey: the chat, audited as a keyboard and screen reader user meets it. axe-core runs on every screen along
 * the way and must find no serious or critical violation: the widget closed, its leave-a-message form (nobody
 * online yet), the panel open, the panel with messages; the console's login, its inbox with the chat open, the
 * supervisor view and the settings.
 *
 * Nour only uses the keyboard. On the demo shop she tabs through the page to the chat launcher and opens it with
 * Enter; nobody is online, so she lands in the leave-a-message form's email field; Escape closes the panel and
 * puts her back on the launcher. An agent logs in. Nour opens the chat again with Enter, types and sends with
 * Enter into a thread that is a polite live region; the agent opens her chat and answers. She tabs to the
 * paperclip and attaches a photo of her receipt with Enter and the file chooser; the agent sees it. The agent
 * closes the chat; Nour tabs to the stars, rates with an arrow key, tabs to the comment and sends her rating with
 * Enter. Escape closes the panel, and focus is back on the launcher.
 */
import type { FileChooser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { dialogue } from '../support/chat-lines.js';
import { C, loginAgent, openConversationShowing, sendAgentMessage } from '../support/console.js';
import { S, WO } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, widgetLines } from '../support/widget.js';
import { png } from '../support/files.js';
import { focusedInWidget, WF } from '../support/visitor-features.js';

const skip = requireChromium();

/** What has the keyboard focus, seen through the widget's shadow root: its `data-part`, or the tag name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? (el as HTMLElement).dataset.part || el.getAttribute('name') || el.tagName.toLowerCase() : null;
  });

describe.skipIf(skip !== null)(withReason('journey: accessibility of the widget and the console', skip), () => {
  const journey = setupJourney('a11y-widget-and-console');

  it('axe finds nothing serious on any screen, and the widget works from the keyboard alone: open, type, send, attach, rate, close', async () => {
    const { baseUrl } = journey();

    // The widget, closed.
    const nour = await (await journey().person('nour')).newPage();
    // Listening from the start: Playwright intercepts the file chooser only once it is asked to, asynchronously.
    const choosers: FileChooser[] = [];
    nour.on('filechooser', (chooser) => choosers.push(chooser));
    await nour.goto(`${baseUrl}/demo/`);
    await nour.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await assertNoSeriousViolations(nour, 'the closed widget', WIDGET_CONTEXT);

    // Tab through the shop to the launcher, then Enter.
    await waitFor('Tab to reach the chat launcher', async () => {
      await nour.keyboard.press('Tab');
      return (await focused(nour)) === 'launcher';
    }, { timeout: 15_000, interval: 0 });
    await nour.keyboard.press('Enter');
    await nour.locator(WO.offlineForm).waitFor({ state: 'visible' });
    await waitFor('focus in the form\'s email field', async () => (await focused(nour)) === 'email');
    await assertNoSeriousViolations(nour, 'the leave-a-message form', WIDGET_CONTEXT);
    await nour.keyboard.press('Escape');
    await nour.locator(W.panel).waitFor({ state: 'hidden' });
    assertEqual('focus after Escape', await focused(nour), 'launcher');

    // The console: login, then the inbox.
    const agent = await (await journey().person('agent')).newPage();
    await agent.goto(`${baseUrl}/console/`);
    await agent.locator('input[name=email]').waitFor({ state: 'visible' });
    await assertNoSeriousViolations(agent, 'the console login');
    await loginAgent(agent, baseUrl);

    // With an agent online, Enter on the launcher opens the composer, focused.
    await nour.keyboard.press('Enter');
    await nour.locator(W.input).waitFor({ state: 'visible' });
    await waitFor('focus in the composer', async () => (await focused(nour)) === 'input');
    assertEqual('live regions on the thread', await nour.locator(`${W.panel} [data-part=messages][aria-live=polite]`).count(), 1);
    await assertNoSeriousViolations(nour, 'the open panel', WIDGET_CONTEXT);

    const question = 'Hello, is the stoneware mug dishwasher safe?';
    await nour.keyboard.type(question);
    await nour.keyboard.press('Enter');
    await waitFor('Nour\'s question stored in the thread', async () =>
      dialogue(await widgetLines(nour)).some((l) => l.author === 'visitor' && l.text === question),
    );

    // The agent opens the chat and answers.
    await openConversationShowing(agent, 'queue', question);
    await agent.locator(C.take).click();
    const reply = 'Yes, and microwave safe too.';
    await sendAgentMessage(agent, reply);
    await waitFor('Nour to receive the answer', async () => dialogue(await widgetLines(nour)).some((l) => l.author === 'agent' && l.text === reply));
    await assertNoSeriousViolations(nour, 'the panel with messages', WIDGET_CONTEXT);
    await assertNoSeriousViolations(agent, 'the console inbox with a chat open');

    // Attach, by keyboard: Tab to the paperclip, Enter opens the file chooser; the photo goes out by itself.
    await waitFor('Tab to reach the paperclip', async () => {
      if ((await focused(nour)) === 'attach') return true;
      await nour.keyboard.press('Tab');
      return false;
    }, { timeout: 10_000, interval: 0 });
    await nour.keyboard.press('Enter');
    await waitFor('the file chooser to open', async () => choosers.length === 1);
    await choosers[0]!.setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png(60, 40) });
    await nour.locator(`${W.message} [data-part=attachment-image] img[alt="receipt.png"]`).waitFor({ state: 'visible', timeout: 15_000 });
    await agent.locator(`${C.thread} [data-test=attachment-image] img[alt="receipt.png"]`).waitFor({ state: 'visible', timeout: 15_000 });

    // The agent closes the chat; Nour rates it without the mouse.
    await agent.locator(C.close).click();
    await nour.locator(WF.rating).waitFor({ state: 'visible', timeout: 15_000 });
    await waitFor('Tab to reach the stars', async () => {
      if ((await focusedInWidget(nour)).name === 'cz-score') return true;
      await nour.keyboard.press('Tab');
      return false;
    }, { timeout: 15_000, interval: 0 });
    // Tabbing into a group with nothing chosen lands on its first radio; the arrow moves and chooses.
    assertEqual('the star reached, as it is announced', (await focusedInWidget(nour)).label, '1 out of 5');
    await nour.keyboard.press('ArrowRight');
    await nour.keyboard.press('ArrowRight');
    await nour.keyboard.press('ArrowRight');
    assertEqual('the star chosen with the arrows', (await focusedInWidget(nour)).label, '4 out of 5');
    await nour.keyboard.press('Tab');
    assertEqual('after the stars', (await focusedInWidget(nour)).part, 'rating-comment');
    await nour.keyboard.type('Helpful, thank you.');
    await nour.keyboard.press('Tab');
    assertEqual('after the comment', (await focusedInWidget(nour)).part, 'rating-submit');
    await nour.keyboard.press('Enter');
    await waitFor('Nour to read her rating', async () => ((await nour.locator(WF.ratingGiven).textContent()) ?? '').includes('You rated this chat 4/5.'));
    await assertNoSeriousViolations(nour, 'the closed chat, rated', WIDGET_CONTEXT);

    // Escape closes; focus is back on the launcher.
    await nour.keyboard.press('Escape');
    await nour.locator(W.panel).waitFor({ state: 'hidden' });
    assertEqual('focus after Escape', await focused(nour), 'launcher');

    // The console's supervisor view and settings.
    await agent.locator(S.navSupervisor).click();
    await agent.locator(S.agents).waitFor({ state: 'visible' });
    await assertNoSeriousViolations(agent, 'the supervisor view');
    await agent.locator('[data-test=nav-settings]').click();
    await agent.locator('main.settings-page').first().waitFor({ state: 'visible' });
    await assertNoSeriousViolations(agent, 'the settings');
  });
});
