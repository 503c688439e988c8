/**
 * Journey 5: the visitor's network drops in the middle of a chat and comes back. What the visitor writes
 * during the outage and what the agent answers meanwhile all arrive, exactly once, in the same order on
 * both sides.
 *
 * What is emulated, and why both layers:
 *  - `context.setOffline(true)` (Chromium's DevTools offline emulation): `navigator.onLine` turns false, the
 *    page gets an `offline` event, and every new HTTP request and WebSocket handshake fails. On an
 *    ALREADY-OPEN WebSocket it only pauses the frames: measured on Chromium 156 + playwright-core 1.65,
 *    nothing is delivered while offline, but the socket stays open and the held frames are delivered when
 *    the emulation ends (older Chromium did not even pause them: microsoft/playwright#4910).
 *  - so the visitor's context also sends all its traffic through `support/network.ts`, a proxy we cut:
 *    every open connection becomes a black hole (bytes either way are dropped, no close is sent, like a
 *    dead link), new connections are refused, and on restore the dead connections are reset, as their
 *    TCP timeouts would. The server therefore keeps a half-open visitor socket and "delivers" the agent's
 *    replies into it: they are lost in flight, and only the client's resume/sync (or the server replaying
 *    them through Socket.IO's connection-state recovery) can bring them back.
 *  - both layers are checked, not assumed: the link must have carried the visitor's traffic, the cut must
 *    find an open connection, and nothing may cross while it is down.
 * The agent's browser is not affected.
 */
import { afterAll, describe, it } from 'vitest';
import { asPairs, assertEachOnce, assertSeqAscending, dialogue } from '../support/chat-lines.js';
import { loginAgent, sendAgentMessage, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { startNetworkLink, type NetworkLink } from '../support/network.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat, visitorWrites } from '../support/scenes.js';
import { assertEqual, sleep, waitFor, waitForExactly } from '../support/wait.js';
import { W, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: network drop', skip), () => {
  const journey = setupJourney('network-drop');
  let link: NetworkLink | undefined;
  afterAll(async () => {
    await link?.close();
  });

  it('delivers every message written during an outage exactly once, in order, on both sides', async () => {
    const { baseUrl } = journey();
    link = await startNetworkLink();
    const visitorContext = await journey().person('visitor', { proxy: { server: link.proxyServer } });
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const visitor = await visitShop(visitorContext, baseUrl, '/demo/products/scarf.html');

    const before = ['Is the linen scarf warm enough for winter?', 'It is light; for winter I would pair it with a wool coat.'];
    await startChat(visitor, agent, before[0]!);
    await agentReplies(agent, visitor, before[1]!);

    // The network goes away.
    const banner = visitor.locator(W.connection).filter({ visible: true });
    if (link.carried === 0) throw new Error("the visitor's traffic does not go through the cuttable link");
    const cutConnections = link.cut();
    if (cutConnections === 0) throw new Error('the cut found no open connection: the widget should hold one while chatting');
    await visitorContext.setOffline(true);
    await waitFor('the widget to tell the visitor the connection is lost', async () => (await banner.count()) > 0);

    const duringVisitor = ['Hello? Are you still there?', 'My train just went into a tunnel.'];
    const duringAgent = ['Yes, still here.', 'Take your time, I will keep the chat open.'];
    for (const text of duringVisitor) await sendVisitorMessage(visitor, text);
    for (const text of duringAgent) await sendAgentMessage(agent, text);

    // The outage is real: nothing crossed it in either direction.
    await sleep(1_500);
    const agentDuring = (await threadLines(agent)).map((l) => l.text);
    const visitorDuring = (await widgetLines(visitor)).map((l) => l.text);
    if (duringVisitor.some((t) => agentDuring.includes(t)) || duringAgent.some((t) => visitorDuring.includes(t))) {
      throw new Error(`messages crossed the cut network: agent sees ${JSON.stringify(agentDuring)}, visitor sees ${JSON.stringify(visitorDuring)}`);
    }

    // The network comes back.
    link.restore();
    await visitorContext.setOffline(false);
    await waitFor('the connection banner to go', async () => (await banner.count()) === 0, { timeout: 15_000 });

    // The agent's replies were stored first (seq), the visitor's were stored when they could reach the server.
    const expected: Array<[string, string]> = [
      ['visitor', before[0]!],
      ['agent', before[1]!],
      ['agent', duringAgent[0]!],
      ['agent', duringAgent[1]!],
      ['visitor', duringVisitor[0]!],
      ['visitor', duringVisitor[1]!],
    ];
    await waitForExactly('the visitor to see every message once, in server order', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      timeout: 10_000,
      settle: 2_000,
    });
    await waitForExactly('the agent to see the same', async () => asPairs(dialogue(await threadLines(agent))), expected, { settle: 1_000 });

    // And the chat goes on live after the outage.
    const after = ['Back above ground! I will take the scarf in rose.', 'Wonderful, it is in stock.'];
    await visitorWrites(visitor, agent, after[0]!);
    await agentReplies(agent, visitor, after[1]!);
    const all: Array<[string, string]> = [...expected, ['visitor', after[0]!], ['agent', after[1]!]];
    await waitForExactly('the visitor to see the whole chat', async () => asPairs(dialogue(await widgetLines(visitor))), all, { settle: 1_000 });
    await waitForExactly('the agent to see the whole chat', async () => asPairs(dialogue(await threadLines(agent))), all);

    const texts = [...before, ...duringVisitor, ...duringAgent, ...after];
    const visitorLines = await widgetLines(visitor);
    const agentLines = await threadLines(agent);
    assertEachOnce('visitor', visitorLines, texts);
    assertEachOnce('agent', agentLines, texts);
    assertSeqAscending('visitor', dialogue(visitorLines));
    assertSeqAscending('agent', dialogue(agentLines));
    assertEqual('visitor and agent agree on every seq', dialogue(visitorLines).map((l) => l.seq), dialogue(agentLines).map((l) => l.seq));
  });
});
