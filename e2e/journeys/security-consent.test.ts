/**
 * Security catalogue, item 19 — tracking before consent (GDPR / ePrivacy).
 *
 * The shop's admin requires consent for the demo site. A visitor browses the shop without answering the
 * shop's cookie banner: from the home page to a product, adding it to the cart. Until the shop relays the
 * visitor's "yes" with `causette('consent', true)`, the widget writes nothing to the visitor's device (no
 * `causette:` key in localStorage or sessionStorage, no cookie) and reports nothing of their behaviour (no
 * `page:view`, `behaviour:report`, `cart:update` or `event:track` frame leaves the page), even across a full
 * report period. The shop's own cart in localStorage is there all along: storage works, the widget abstains.
 *
 * A chat is not tracking: the visitor can still open the chat by clicking and write to an agent, who answers;
 * the conversation lives in the page's memory only. Once the visitor consents, storage appears (the token and
 * the conversation) and behaviour reports flow; on the next page, where the shop relays the remembered consent
 * as its page loads, the page view is reported and the chat comes back from storage.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { dialogue } from '../support/chat-lines.js';
import { loginAgent, openConversationShowing, takeOpenConversation } from '../support/console.js';
import { adminApi } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { recordRealtime, type RealtimeTraffic } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies } from '../support/scenes.js';
import { assertEqual, sleep, waitFor } from '../support/wait.js';
import { W, openChat, sendVisitorMessage, widgetLines } from '../support/widget.js';

const skip = requireChromium();

/** What the widget must not report before consent. */
const BEHAVIOUR = ['page:view', 'behaviour:report', 'cart:update', 'event:track'];
/** The widget reports behaviour every 5 s while the page is visible; a little more than one period. */
const REPORT_PERIOD_MS = 6_000;

/** The keys the widget wrote on this device: `causette:<site>:…` in either storage, and any cookie of its own. */
async function widgetStorage(page: Page): Promise<string[]> {
  const storage = await page.evaluate(() => {
    const keys = (s: Storage) => Array.from({ length: s.length }, (_, i) => s.key(i)!);
    return [...keys(localStorage).map((k) => `localStorage ${k}`), ...keys(sessionStorage).map((k) => `sessionStorage ${k}`)];
  });
  // The shop has no cookie of its own, so any cookie on the visitor's device is the widget's (or the server's).
  const cookies = (await page.context().cookies()).map((c) => `cookie ${c.name}`);
  return [...storage.filter((k) => / causette:/.test(k)), ...cookies];
}

function behaviourSent(traffic: RealtimeTraffic): string[] {
  return traffic.events.filter((e) => e.direction === 'sent' && BEHAVIOUR.includes(e.name)).map((e) => `${e.name} ${JSON.stringify(e.payload)}`);
}

describe.skipIf(skip !== null)(withReason('journey: nothing is stored or tracked before consent', skip), () => {
  const journey = setupJourney('security-consent');

  it('keeps no storage and reports no behaviour until consent, yet lets the visitor chat', async () => {
    const { baseUrl } = journey();
    const admin = await adminApi(await journey().person('admin'), baseUrl);
    const site = await admin.demoSite();
    await admin.updateSettings(site.id, { requireConsent: true });
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const visitor = await (await journey().person('visitor')).newPage();
    const traffic = recordRealtime(visitor);
    assertEqual('widget keys on a fresh device', await widgetStorage(visitor).catch(() => []), []);

    // Browsing, no answer to the banner yet: home page, then a product put in the cart.
    await visitor.goto(`${baseUrl}/demo/`);
    await waitFor('the widget on the home page to be online (its session resumed)', () => traffic.sent('session:resume').length >= 1, { timeout: 15_000 });
    await visitor.goto(`${baseUrl}/demo/products/tote.html`);
    await visitor.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await waitFor('the widget on the product page to be online', () => traffic.sent('session:resume').length >= 2, { timeout: 15_000 });
    await visitor.locator('[data-add-to-cart=tote]').click();
    await visitor.mouse.wheel(0, 600);
    // A full report period passes on the product page: nothing may leave, whatever the widget's timers do.
    await sleep(REPORT_PERIOD_MS);
    assertEqual('behaviour frames sent before consent', behaviourSent(traffic), []);
    assertEqual('widget keys written before consent', await widgetStorage(visitor), []);
    const shopKeys = await visitor.evaluate(() => Object.keys(localStorage));
    if (!shopKeys.includes('maison-causette:cart')) throw new Error(`the shop's own cart is not in localStorage (${JSON.stringify(shopKeys)}): storage itself is not working`);

    // The visitor clicks the launcher and writes; the agent answers. All of it in memory.
    await openChat(visitor);
    const question = 'Is the tote big enough for a 15-inch laptop?';
    await sendVisitorMessage(visitor, question);
    await waitFor('the message to be stored by the server (it gets a seq)', async () => dialogue(await widgetLines(visitor)).some((l) => l.text === question));
    const conversationId = await openConversationShowing(agent, 'queue', question);
    await takeOpenConversation(agent, conversationId);
    const answer = 'It is: 42 cm wide, laptops up to 16 inches fit.';
    await agentReplies(agent, visitor, answer);
    assertEqual('widget keys written while chatting before consent', await widgetStorage(visitor), []);
    assertEqual('behaviour frames sent while chatting before consent', behaviourSent(traffic), []);

    // The visitor accepts the banner; the shop relays it.
    const consentAt = traffic.events.length;
    await visitor.evaluate(() => (window as unknown as { causette: (...a: unknown[]) => void }).causette('consent', true));
    await waitFor('the widget to keep its token and the conversation in localStorage', async () => {
      const keys = await widgetStorage(visitor);
      return ['localStorage causette:demo:token', 'localStorage causette:demo:conversation'].every((k) => keys.includes(k)) || false;
    });
    await waitFor(
      'behaviour reports to flow after consent',
      () => traffic.events.slice(consentAt).some((e) => e.direction === 'sent' && e.name === 'behaviour:report'),
      { timeout: REPORT_PERIOD_MS + 2_000 },
    );

    // Next page: the shop relays the remembered consent as the page loads, before the widget arrives.
    await visitor.context().addInitScript(() => {
      const w = window as unknown as { causette?: { q?: unknown[][] } & ((...a: unknown[]) => void) };
      const stub = ((...args: unknown[]) => (stub.q ||= []).push(args)) as { q?: unknown[][] } & ((...a: unknown[]) => void);
      w.causette = w.causette || stub;
      w.causette('consent', true);
    });
    await visitor.goto(`${baseUrl}/demo/products/candle.html`);
    await waitFor('the candle page view to be reported', () =>
      traffic.sent('page:view', (p) => String((p as { url?: string }).url).endsWith('/demo/products/candle.html')).length === 1,
    { timeout: 15_000 });
    await openChat(visitor);
    await waitFor('the chat to come back from storage on the next page', async () => {
      const texts = dialogue(await widgetLines(visitor)).map((l) => l.text);
      return texts.includes(question) && texts.includes(answer);
    });
  });
});
