/**
 * Security catalogue, item 9 — stored and reflected XSS (cross-site scripting) through chat content.
 *
 * Mallory, a visitor, tries to run script in the agent's console, where a session cookie and every customer's
 * chats are within reach. She names herself with markup (`causette('identify', {name})`), writes messages that
 * are HTML (`<img onerror>`, `<script>`), `javascript:` and `data:` links and a markdown link to script, plus one
 * honest https link; then she scripts her own connection with her own visitor token and reports a "page view"
 * whose URL is `javascript:` and whose title is markup, which the console shows in its visitor sidebar as a link.
 * The other way round, a canned reply and a trigger teaser written with markup (by a careless or compromised
 * colleague) reach the visitor's widget.
 *
 * Everything must arrive as the very text that was typed: no element parsed out of it (in the console's DOM
 * or in the widget's shadow root), no payload run (`window.__pwned` stays undefined in both pages), and the only
 * link is the https one, opening in a new tab with `rel=noopener`. No anchor anywhere leads to `javascript:` or
 * `data:`.
 */
import { VISITOR_NAMESPACE } from '@causette/shared';
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { RawSocket, injectedElements, pageLinks, pwned, unsafeLinks } from '../support/attacks.js';
import { C, loginAgent, openConversationShowing, takeOpenConversation, threadLines } from '../support/console.js';
import { adminApi } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { T, createTrigger, triggerInput } from '../support/triggers.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, openChat, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

/** Each payload sets `window.__pwned` to its own number if it ever runs, so a failure names the one that did. */
const NAME = '<b onmouseover="window.__pwned=10">Mallory</b>';
const MESSAGES = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  'data:text/html,<script>window.__pwned=4</script>',
  '[click](javascript:window.__pwned=5) or <a href="javascript:window.__pwned=6">here</a>',
  'My order page: https://example.com/path',
];
const SAFE_LINK = 'https://example.com/path';
const CANNED = 'Thanks! <img src=x onerror="window.__pwned=20"><script>window.__pwned=21</script> see <a href="javascript:window.__pwned=22">this</a>';
const TEASER = 'Free candle <img src=x onerror="window.__pwned=30"> <a href="data:text/html,hi">claim</a>';
const SENDER = '<i onmouseover="window.__pwned=31">Anna</i>';
const FORGED_PAGE = { url: 'javascript:window.__pwned=40', title: '<img src=x onerror="window.__pwned=41">Free tote', referrer: '' };

/** Tags that can only be there if someone's text was parsed as HTML (anchors are checked on their own). */
const INJECTABLE = ['img', 'script', 'iframe', 'object', 'embed', 'b', 'i', 'svg', 'style', 'link', 'form'];

describe.skipIf(skip !== null)(withReason('journey: markup in chat content stays text (XSS)', skip), () => {
  const journey = setupJourney('security-xss');

  it("shows a visitor's and a colleague's markup as inert text in the console and the widget", async () => {
    const { baseUrl } = journey();
    const adminContext = await journey().person('admin');
    const admin = await adminApi(adminContext, baseUrl);
    const site = await admin.demoSite();
    const canned = await adminContext.request.post(`${baseUrl}/api/canned`, { data: { siteId: site.id, shortcut: 'thanks', body: CANNED } });
    if (canned.status() !== 201) throw new Error(`POST /api/canned answered ${canned.status()}: ${await canned.text()}`);
    await createTrigger(
      adminContext,
      baseUrl,
      triggerInput(site.id, {
        name: 'Candle teaser with markup',
        conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'contains', value: 'candle' }] },
        variants: [{ id: 'A', weight: 100, message: { text: TEASER, senderName: SENDER } }],
      }),
    );

    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    // The teaser reaches the visitor as text: the sender's name and the message, nothing parsed.
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/products/candle.html');
    await visitor.locator(T.teaser).waitFor({ state: 'visible', timeout: 10_000 });
    assertEqual('the teaser text, as the visitor reads it', (await visitor.locator(T.teaserText).textContent())?.trim(), TEASER);
    assertEqual('the teaser sender, as the visitor reads it', (await visitor.locator(`${T.teaser} b`).textContent())?.trim(), SENDER);
    assertEqual('elements parsed out of the teaser', await injectedElements(visitor, [T.teaserText, `${T.teaser} b`], INJECTABLE), []);

    // Mallory names herself with markup and writes every payload.
    await visitor.evaluate((name) => (window as unknown as { causette: (...a: unknown[]) => void }).causette('identify', { name }), NAME);
    await openChat(visitor);
    for (const text of MESSAGES) await sendVisitorMessage(visitor, text);
    const expected = MESSAGES.map((t): [string, string] => ['visitor', t]);
    await waitForExactly('the widget to show every payload, stored, as typed', async () => asPairs(dialogue(await widgetLines(visitor))), expected);

    // The agent opens her chat: her name and her messages read exactly as typed.
    const conversationId = await openConversationShowing(agent, 'queue', MESSAGES[MESSAGES.length - 1]!);
    await takeOpenConversation(agent, conversationId);
    await waitForExactly('the console thread to show every payload as text', async () => asPairs(dialogue(await threadLines(agent))), expected);
    const row = agent.locator(`${C.mine} ${C.item}[data-id="${conversationId}"] .conversation-item__name`);
    await waitFor('the chat row to show the visitor name as typed', async () => (await row.textContent())?.trim() === NAME);
    assertEqual('the conversation title', (await agent.locator('#conversation-title').textContent())?.trim(), NAME);
    await waitFor('the sidebar to show the visitor name as typed', async () => ((await agent.locator(`${C.sidebar} .sidebar__name`).textContent()) ?? '').includes(NAME));

    // The one honest link is a link, to where it says, in a new tab that cannot reach back to the console.
    const threadLinks = await pageLinks(agent, C.thread);
    assertEqual('links in the thread', threadLinks.map((l) => [l.href, l.text, l.target]), [[SAFE_LINK, SAFE_LINK, '_blank']]);
    if (!threadLinks[0]!.rel?.split(/\s+/).includes('noopener')) throw new Error(`the link's rel is ${JSON.stringify(threadLinks[0]!.rel)}, without noopener`);
    const consoleContent = [C.thread, C.queue, C.mine, C.sidebar, '#conversation-title'];
    assertEqual('elements parsed out of visitor content in the console', await injectedElements(agent, consoleContent, INJECTABLE), []);

    // The agent answers with the canned reply: the picker lists it as text, and the visitor reads it as text.
    await agent.locator(C.composer).fill('/thanks');
    const option = agent.locator('[data-test=canned-option]');
    await waitFor('the canned reply to be offered', async () => ((await option.first().textContent()) ?? '').includes(CANNED));
    assertEqual('elements parsed out of the canned reply in the picker', await injectedElements(agent, ['[data-test=canned-option]'], INJECTABLE), []);
    await option.first().click();
    assertEqual('the composer after choosing the canned reply', await agent.locator(C.composer).inputValue(), CANNED);
    await agent.locator(C.send).click();
    await waitFor('the visitor to read the canned reply as typed', async () =>
      dialogue(await widgetLines(visitor)).some((l) => l.author === 'agent' && l.text === CANNED),
    );
    await waitFor('the agent to see the reply stored', async () => dialogue(await threadLines(agent)).some((l) => l.author === 'agent' && l.text === CANNED));
    assertEqual('elements parsed out of messages in the widget', await injectedElements(visitor, [W.body], INJECTABLE), []);

    // Mallory scripts her own connection, with the token her widget holds, and forges a page view.
    const token = await visitor.evaluate(() => (JSON.parse(localStorage.getItem('causette:demo:token') ?? 'null') as { t: string } | null)?.t);
    if (!token) throw new Error('the widget holds no visitor token in storage');
    const forger = await RawSocket.open(visitor, baseUrl, VISITOR_NAMESPACE, { siteKey: 'demo', token });
    const connected = await forger.connectReply();
    if (!connected || !('sid' in connected)) throw new Error(`the visitor's own token did not open a socket: ${JSON.stringify(connected)}`);
    const [forged] = (await forger.emitWithAck('page:view', FORGED_PAGE)) ?? [];
    if ((forged as { ok?: boolean } | undefined)?.ok) {
      // The server took it: the console shows it, and must show it harmlessly.
      await waitFor('the sidebar to show the forged page title as text', async () =>
        ((await agent.locator(C.currentPage).textContent()) ?? '').includes(FORGED_PAGE.title),
      );
    }
    assertEqual('elements parsed out of the forged page view', await injectedElements(agent, [C.sidebar], ['img', 'script', 'iframe']), []);

    // Nothing ran, on either side, after everything has had time to load and fail (and the agent's pointer
    // has passed over the visitor's name).
    await agent.locator(`${C.sidebar} .sidebar__name`).hover();
    assertEqual('window.__pwned in the console', await pwned(agent), undefined);
    assertEqual('window.__pwned on the visitor page', await pwned(visitor), undefined);

    // No link waits for a click to run script or open a document the attacker wrote: not in the thread, not in
    // the sidebar's "current page" built from what the visitor's connection reported.
    assertEqual('links anywhere in the widget or shop page that lead to script', unsafeLinks(await pageLinks(visitor)).map((l) => l.href), []);
    assertEqual(
      'links anywhere in the console that lead to script or a data: document',
      unsafeLinks(await pageLinks(agent)).map((l) => l.href),
      [],
    );
  });
});
