/**
 * Journey: emoji and links. Léon picks an emoji with the keyboard only: from his half-written message, Tab to the
 * emoji button, Enter opens the picker (its own chunk, fetched then), arrow keys move in the grid, Enter inserts
 * the emoji where his caret was and gives the focus back to the text. Escape closes the picker without closing
 * the chat and puts the focus back on the button. The agent answers with a tracking link, a `javascript:` text
 * and some markup: in Léon's panel the link is an anchor opening a new tab with rel="noopener noreferrer
 * nofollow", and the rest stays text.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { dialogue, asPairs } from '../support/chat-lines.js';
import { loginAgent, threadLines } from '../support/console.js';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { focusedInWidget, WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

/** Tab onwards (past the composer's other buttons, e.g. attach) until `part` has the focus. */
async function tabTo(page: Page, part: string): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedInWidget(page)).part === part) return;
  }
  throw new Error(`Tab never reached ${part}; the focus is on ${JSON.stringify(await focusedInWidget(page))}`);
}

describe.skipIf(skip !== null)(withReason('journey: emoji and links', skip), () => {
  const journey = setupJourney('emoji-and-links');

  it('an emoji picked with the keyboard lands at the caret; an agent’s link is a safe anchor and javascript: stays text', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const leon = await visitShop(await journey().person('leon'), baseUrl, '/demo/');
    await startChat(leon, agent, 'Hello, is the blue scarf back in stock?');

    // Keyboard only: the caret between two words, Tab to the button, Enter, arrows, Enter.
    const input = leon.locator(W.input);
    await input.focus();
    await leon.keyboard.type('Thanks  a lot');
    for (let i = 0; i < ' a lot'.length; i++) await leon.keyboard.press('ArrowLeft');
    const chunks: string[] = [];
    leon.on('request', (r) => r.url().includes('/EmojiPicker-') && chunks.push(r.url()));
    await tabTo(leon, 'emoji-open');
    await leon.keyboard.press('Enter');
    await leon.locator(WF.emojiGrid).waitFor({ state: 'visible' });
    assertEqual('the picker’s chunk, fetched on the first open', chunks.length, 1);
    assertEqual('the focus in the grid', (await focusedInWidget(leon)).part, 'emoji');
    await assertNoSeriousViolations(leon, 'the emoji picker', WIDGET_CONTEXT);
    await leon.keyboard.press('ArrowRight');
    await leon.keyboard.press('ArrowRight');
    await leon.keyboard.press('ArrowDown');
    await leon.keyboard.press('Enter');
    await waitFor('the emoji at the caret', async () => {
      const value = await input.inputValue();
      if (value !== 'Thanks 🙂 a lot') throw new Error(`the text reads "${value}", the focus is on ${JSON.stringify(await focusedInWidget(leon))}`);
      return true;
    });
    // The picker hands the focus back once the new text is in (a task later).
    await waitFor('the focus back in the text', async () => (await focusedInWidget(leon)).part === 'input');

    // Escape closes the picker, not the chat, and the button has the focus again.
    await tabTo(leon, 'emoji-open');
    await leon.keyboard.press('Enter');
    await leon.locator(WF.emojiGrid).waitFor({ state: 'visible' });
    await leon.keyboard.press('Escape');
    await waitFor('the picker to close', async () => (await leon.locator(WF.emojiGrid).count()) === 0);
    assertEqual('the panel still open', await leon.locator(W.panel).isVisible(), true);
    assertEqual('the focus back on the emoji button', (await focusedInWidget(leon)).part, 'emoji-open');
    await leon.locator(W.send).click();
    await waitFor('the agent to receive the emoji', async () => asPairs(dialogue(await threadLines(agent))).some(([a, t]) => a === 'visitor' && t === 'Thanks 🙂 a lot'));

    // Links: one safe anchor; javascript: and markup stay text.
    const reply = 'Track it at https://shop.example/track?id=42. Not this: javascript:alert(1) <a href="https://evil.example">x</a>';
    await agentReplies(agent, leon, reply);
    const body = leon.locator(`${W.message}[data-author=agent] ${W.body}`).last();
    const anchors = await body.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target'), text: a.textContent })));
    assertEqual('anchors in the agent’s message', anchors, [
      { href: 'https://shop.example/track?id=42', rel: 'noopener noreferrer nofollow', target: '_blank', text: 'https://shop.example/track?id=42' },
      { href: 'https://evil.example', rel: 'noopener noreferrer nofollow', target: '_blank', text: 'https://evil.example' },
    ]);
    assertEqual('the message as text, markup included', (await widgetLines(leon)).filter((l) => l.author === 'agent').pop()?.text, reply);
  });
});
