/**
 * Visitor tokens expire and rotate, seen from the browser. A visitor chats; days pass on the server's clock.
 * Back after 8 days (past a quarter of the token's 30-day life), a new tab gets a fresh token, shows the whole
 * history, and the tab still open adopts the token without losing anything. A browser that still holds the old
 * token (another device's copy, with a message in its outbox) is not signed out: its history shows and its
 * message is delivered. Past the token's life, that old token is worth nothing: a new visitor, no history.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { loginAgent, openConversationShowing, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat, visitorWrites } from '../support/scenes.js';
import { serverWithClock } from '../support/server-clock.js';
import { assertEqual, sleep, waitFor, waitForExactly } from '../support/wait.js';
import { openChat, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();
const DAY = 86_400_000;
const SITE = 'demo';

interface StoredToken {
  t: string;
  v: string;
}
const storedToken = (page: Page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as StoredToken | null, `causette:${SITE}:token`);

/** A browser whose storage holds what another one kept: its token, its conversation, an unsent message. */
async function browserHolding(context: BrowserContext, token: StoredToken, conversationId: string, unsent?: string): Promise<void> {
  const outbox = unsent ? [{ clientId: `c-old-device-${Date.now()}`, body: unsent, author: 'visitor', kind: 'text', createdAt: Date.now() }] : [];
  await context.addInitScript(
    ([site, saved]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      for (const [key, value] of Object.entries(saved)) localStorage.setItem(`causette:${site}:${key}`, JSON.stringify(value));
    },
    [SITE, { token, conversation: conversationId, ...(outbox.length && { outbox }) }] as const,
  );
}

describe.skipIf(skip !== null)(withReason('journey: visitor tokens rotate and expire', skip), () => {
  const { clock, startWorld } = serverWithClock();
  const journey = setupJourney('visitor-token-rotation', startWorld);

  it('renews the token of a returning visitor in every tab, keeps old copies working until they expire, then refuses them', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const visitorContext = await journey().person('visitor');
    const tab1 = await visitShop(visitorContext, baseUrl, '/demo/');
    const conversationId = await startChat(tab1, agent, 'Is the linen apron washable at 60 °C?');
    await agentReplies(agent, tab1, 'Yes, at 60 °C, and it softens with each wash.');
    const first = await waitFor('the widget to store its token', async () => (await storedToken(tab1)) ?? false);

    await clock.setAhead(8 * DAY);
    // The agent's own session (7 days) is over by then too: they sign in again and open the chat.
    await loginAgent(agent, baseUrl);
    await openConversationShowing(agent, 'mine', 'Is the linen apron washable at 60 °C?');
    // A new tab 8 days later: the same visitor, a fresh token, the whole history.
    const tab2 = await visitShop(visitorContext, baseUrl, '/demo/products/candle.html');
    await openChat(tab2);
    const history: Array<[string, string]> = [
      ['visitor', 'Is the linen apron washable at 60 °C?'],
      ['agent', 'Yes, at 60 °C, and it softens with each wash.'],
    ];
    await waitForExactly('the new tab to show the whole history', async () => asPairs(dialogue(await widgetLines(tab2))), history);
    const renewed = await waitFor('a fresh token for the same visitor in storage', async () => {
      const now = await storedToken(tab2);
      return now !== null && now.t !== first.t ? now : false;
    });
    assertEqual('the renewed token names the same visitor', renewed.v, first.v);

    // The tab that stayed open adopted the new token: it keeps chatting, and a reload of it resumes the same chat.
    await visitorWrites(tab1, agent, 'And the blue one, is it in stock?');
    await tab1.reload();
    await openChat(tab1);
    history.push(['visitor', 'And the blue one, is it in stock?']);
    await waitForExactly('the reloaded first tab to show the same history', async () => asPairs(dialogue(await widgetLines(tab1))), history);

    // Another browser still holding the old token, with a message it could not send: still the same visitor.
    const oldCopy = await journey().person('old copy');
    await browserHolding(oldCopy, first, conversationId, 'Please ship it to my office.');
    const stale = await visitShop(oldCopy, baseUrl, '/demo/');
    await openChat(stale);
    history.push(['visitor', 'Please ship it to my office.']);
    await waitForExactly('the old copy to show the history and deliver its outbox', async () => asPairs(dialogue(await widgetLines(stale))), history, { timeout: 15_000 });
    await waitFor('the agent to receive the message from the outbox, once', async () =>
      dialogue(await threadLines(agent)).filter((l) => l.text === 'Please ship it to my office.').length === 1,
    );

    // 31 days after it was issued, the first token opens nothing: that browser is a new visitor.
    await clock.setAhead(31 * DAY);
    const expired = await journey().person('expired copy');
    await browserHolding(expired, first, conversationId);
    const fresh = await visitShop(expired, baseUrl, '/demo/');
    await openChat(fresh);
    const replaced = await waitFor('the expired browser to be given a token of its own', async () => {
      const now = await storedToken(fresh);
      return now !== null && now.v !== first.v ? now : false;
    });
    assertEqual('a different visitor', replaced.v === first.v, false);
    await sleep(1_000);
    assertEqual('nothing of the old chat is shown', dialogue(await widgetLines(fresh)), []);
  });
});
