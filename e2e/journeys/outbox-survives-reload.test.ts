/**
 * Journey 7: what the visitor wrote but the server never acknowledged survives a reload of the tab. The widget
 * keeps its outbox (messages with no `seq` yet) in localStorage — the demo site needs no consent, so storage is
 * allowed once the server has named the site — and sends it again, with the same `clientId`s, from the reloaded
 * page. The visitor's link goes through `support/network.ts`; only its realtime channel (Socket.IO) is faulted,
 * so that the page itself can be reloaded during the fault. Two ways the acks go missing:
 *
 *  1. the messages never reached the server: the realtime channel is a black hole (nothing crosses either way);
 *  2. the server stored the first message, then lost the ack: page→server bytes still pass, server→page bytes
 *     are dropped. The widget sends its outbox one message at a time, waiting for each ack, so the first message
 *     is stored (the agent reads it) while the second is still only in the outbox. The reloaded page must then
 *     show the stored one once (the server's copy, matched by `clientId`) and deliver the other one once.
 *
 * In both, the tab is reloaded while the realtime channel is still dead: the page loads, but its widget cannot
 * reach the server, so what it delivers afterwards can only come from what the previous page left in storage.
 * Then the link is restored, and every message must be shown exactly once, in order, on both sides.
 * (The widget draws nothing until the server has named the site, so the reloaded page is checked through
 * its storage and the agent's thread until the link is back.)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, it } from 'vitest';
import { asPairs, assertEachOnce, assertSeqAscending, dialogue, type ChatLine } from '../support/chat-lines.js';
import { loginAgent, sendAgentMessage, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { startNetworkLink, type NetworkLink } from '../support/network.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { assertEqual, sleep, waitFor, waitForExactly } from '../support/wait.js';
import { sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

interface StoredMessage {
  clientId: string;
  body: string;
  seq?: number;
}

/** What the widget left in this page's localStorage as its outbox (the allowlisted key `causette:<site>:outbox`). */
async function storedOutbox(page: Page): Promise<StoredMessage[]> {
  return page.evaluate(() => {
    const siteKey = document.querySelector<HTMLScriptElement>('script[data-site]')?.dataset.site;
    const raw = siteKey ? localStorage.getItem(`causette:${siteKey}:outbox`) : null;
    return raw ? (JSON.parse(raw) as StoredMessage[]) : [];
  });
}

const pending = (lines: ChatLine[]) => lines.filter((l) => l.seq === null).map((l) => [l.author, l.text]);

interface Scene {
  link: NetworkLink;
  visitorContext: BrowserContext;
  visitor: Page;
  agent: Page;
}

describe.skipIf(skip !== null)(withReason('journey: the outbox survives a reload', skip), () => {
  const journey = setupJourney('outbox-survives-reload');
  const links: NetworkLink[] = [];
  afterEach(async () => {
    await Promise.allSettled(links.splice(0).map((l) => l.close()));
  });

  /** A visitor (behind a cuttable link) and an agent already chatting: one question, one answer. */
  async function chatting(opening: [string, string]): Promise<Scene> {
    const { baseUrl } = journey();
    const link = await startNetworkLink();
    links.push(link);
    const visitorContext = await journey().person('visitor', { proxy: { server: link.proxyServer } });
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const visitor = await visitShop(visitorContext, baseUrl, '/demo/products/candle.html');
    await startChat(visitor, agent, opening[0]);
    await agentReplies(agent, visitor, opening[1]);
    if (link.carried === 0) throw new Error("the visitor's traffic does not go through the cuttable link");
    // The fault must hit the widget's live connection: by now it has upgraded to a WebSocket through the link.
    await waitFor('the widget to hold one WebSocket and no polling request through the link', async () => {
      assertEqual('realtime connections through the link', link.openRealtime(), { webSockets: 1, polls: 0 });
      return true;
    });
    return { link, visitorContext, visitor, agent };
  }

  /** Reloads the tab while its realtime channel is dead: the page loads, its widget cannot connect. */
  async function reloadWhileUnreachable(visitor: Page, link: NetworkLink, outbox: string[]): Promise<void> {
    if (link.openRealtime().webSockets + link.openRealtime().polls !== 0) throw new Error('the realtime channel is not cut');
    await visitor.reload({ waitUntil: 'load' });
    // The reloaded widget has read the outbox and tried to connect (and been refused) meanwhile.
    await sleep(1_000);
    assertEqual('the outbox the reloaded page keeps in storage', (await storedOutbox(visitor)).map((m) => m.body), outbox);
  }

  it('delivers messages that never reached the server, once each, after a reload', async () => {
    const opening: [string, string] = ['Is the fig candle soy wax?', 'Yes, pure soy wax with a cotton wick.'];
    const { link, visitor, agent } = await chatting(opening);

    // The link dies silently: the widget believes it is online and sends into a black hole.
    if (link.cutRealtime() === 0) throw new Error('the cut found no open realtime connection');
    const unsent = ['How long does it burn?', 'And does it come in a gift box?'];
    for (const text of unsent) await sendVisitorMessage(visitor, text);
    assertEqual('the visitor sees both messages pending (no seq yet)', pending(await widgetLines(visitor)), unsent.map((t) => ['visitor', t]));
    await waitFor('the outbox to be saved in storage, in the order written', async () => {
      assertEqual('stored outbox', (await storedOutbox(visitor)).map((m) => m.body), unsent);
      return true;
    });
    const clientIds = (await storedOutbox(visitor)).map((m) => m.clientId);

    await reloadWhileUnreachable(visitor, link, unsent);
    assertEqual('the stored outbox keeps the same clientIds across the reload', (await storedOutbox(visitor)).map((m) => m.clientId), clientIds);
    assertEqual('the agent has received nothing while the link was dead', asPairs(dialogue(await threadLines(agent))), [
      ['visitor', opening[0]],
      ['agent', opening[1]],
    ]);

    link.restore();
    const expected: Array<[string, string]> = [
      ['visitor', opening[0]],
      ['agent', opening[1]],
      ...unsent.map((t): [string, string] => ['visitor', t]),
    ];
    await waitForExactly('the reloaded page to show every message once, stored, in order', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      timeout: 15_000,
      settle: 1_500,
    });
    await waitForExactly('the agent to receive each once, in order', async () => asPairs(dialogue(await threadLines(agent))), expected, { settle: 500 });

    const texts = expected.map(([, t]) => t);
    const visitorLines = await widgetLines(visitor);
    const agentLines = await threadLines(agent);
    assertEachOnce('visitor', visitorLines, texts);
    assertEachOnce('agent', agentLines, texts);
    assertEqual('nothing is left pending on the page', pending(visitorLines), []);
    assertSeqAscending('visitor', dialogue(visitorLines));
    assertEqual('visitor and agent agree on every seq', dialogue(visitorLines).map((l) => l.seq), dialogue(agentLines).map((l) => l.seq));
    await waitFor('the stored outbox to be empty once everything is acknowledged', async () => (await storedOutbox(visitor)).length === 0);
  });

  it('shows a message the server stored before its ack was lost exactly once after a reload', async () => {
    const opening: [string, string] = ['Do you have the mug in green?', 'Only in sand and charcoal, sorry.'];
    const { link, visitor, agent } = await chatting(opening);

    // From now on the server hears the widget, but the widget hears nothing back: no ack, no message:new.
    if (link.loseDownstream() !== 1) throw new Error("the fault did not hit the widget's WebSocket");
    const [stored, queued] = ['Then charcoal, please.', 'Can you hold one for me until Friday?'];
    await sendVisitorMessage(visitor, stored);
    await sendVisitorMessage(visitor, queued);

    // The server committed the first message (the agent reads it) but the page never heard its ack.
    await waitFor(`the agent to receive "${stored}"`, async () => dialogue(await threadLines(agent)).some((l) => l.text === stored));
    // The agent answers meanwhile: stored too, and lost on its way to the visitor.
    const meanwhile = 'Charcoal it is.';
    await sendAgentMessage(agent, meanwhile);
    assertEqual('the visitor sees both of its messages still pending', pending(await widgetLines(visitor)), [
      ['visitor', stored],
      ['visitor', queued],
    ]);
    assertEqual('the visitor has not received the reply sent during the fault', (await widgetLines(visitor)).some((l) => l.text === meanwhile), false);
    await waitFor('the outbox (both messages, in order) to be saved in storage', async () => {
      assertEqual('stored outbox', (await storedOutbox(visitor)).map((m) => m.body), [stored, queued]);
      return true;
    });

    // The link then dies completely, and the visitor reloads.
    link.cutRealtime();
    await reloadWhileUnreachable(visitor, link, [stored, queued]);
    assertEqual('the agent has the committed message once and nothing of the queued one', asPairs(dialogue(await threadLines(agent))), [
      ['visitor', opening[0]],
      ['agent', opening[1]],
      ['visitor', stored],
      ['agent', meanwhile],
    ]);

    link.restore();
    const expected: Array<[string, string]> = [
      ['visitor', opening[0]],
      ['agent', opening[1]],
      ['visitor', stored],
      ['agent', meanwhile],
      ['visitor', queued],
    ];
    await waitForExactly('the reloaded page to show every message once, stored, in server order', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      timeout: 15_000,
      settle: 1_500,
    });
    await waitForExactly('the agent to see each message once, in the same order', async () => asPairs(dialogue(await threadLines(agent))), expected, {
      settle: 500,
    });

    const texts = expected.map(([, t]) => t);
    const visitorLines = await widgetLines(visitor);
    const agentLines = await threadLines(agent);
    assertEachOnce('visitor', visitorLines, texts);
    assertEachOnce('agent', agentLines, texts);
    assertEqual('nothing is left pending on the page', pending(visitorLines), []);
    assertSeqAscending('visitor', dialogue(visitorLines));
    assertEqual('visitor and agent agree on every seq', dialogue(visitorLines).map((l) => l.seq), dialogue(agentLines).map((l) => l.seq));
    await waitFor('the stored outbox to be empty once everything is acknowledged', async () => (await storedOutbox(visitor)).length === 0);
  });
});
