/**
 * Journey 6: the visitor and the agent are connected to DIFFERENT server processes. Two Causette processes
 * run on one PostgreSQL schema and one Redis, as OPERATIONS.md runs them at scale. The visitor shops on
 * process A's demo shop with A's widget (the demo site allows its own origin, `self`, only), the agent works
 * in process B's console. Everything either one sees of the other crossed from one process to the other:
 * the queue, the messages both ways, typing both ways, and the page the visitor is on, live in the sidebar.
 * Both sides end with exactly the same messages, once each, in the same server order.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { asPairs, assertEachOnce, assertSeqAscending, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, threadLines } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { connectionsOn, processesOnPostgresAndRedis, requirePostgres, requireRedisServer } from '../support/processes.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat, visitorWrites } from '../support/scenes.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, openChat, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium() ?? (await requirePostgres()) ?? (await requireRedisServer());

/** The sidebar's current page, as a person recognises it: by its path or its title. */
async function expectCurrentPage(agent: Page, path: string, title: string): Promise<void> {
  await waitFor(`the sidebar to show the current page ${path}`, async () => {
    const text = (await agent.locator(`${C.sidebar} ${C.currentPage}`).textContent()) ?? '';
    if (!text.includes(path) && !text.includes(title)) throw new Error(`current page reads "${text.trim()}"`);
    return true;
  });
}

describe.skipIf(skip !== null)(withReason('journey: visitor and agent on different processes', skip), () => {
  const journey = setupJourney('across-processes', processesOnPostgresAndRedis(2));

  it('carries the chat, typing and the current page between two processes on PostgreSQL + Redis', async () => {
    const [a, b] = journey().servers;
    if (!a || !b || a.baseUrl === b.baseUrl) throw new Error('the journey needs two distinct server processes');

    const agent = await (await journey().person('agent on B')).newPage();
    await loginAgent(agent, b.baseUrl);
    const visitor = await visitShop(await journey().person('visitor on A'), a.baseUrl, '/demo/');

    // The visitor finds the agent through B's queue, which only A's process heard about first.
    const question = 'Hello from process A! Do you ship the stoneware mug to Belgium?';
    await startChat(visitor, agent, question);
    await agent.locator(C.sidebar).waitFor({ state: 'visible' });
    // Proof that nothing below comes from a console reload: a reload would drop this marker.
    await agent.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));

    // Each person really is on their own process: the visitor's socket is on A only, the agent's on B only.
    await waitFor('the visitor connected to A only and the agent to B only', async () => {
      const [onA, onB] = await Promise.all([connectionsOn(a), connectionsOn(b)]);
      const got = { A: onA, B: onB };
      assertEqual('open connections per process', got, { A: { visitor: 1, agent: 0 }, B: { visitor: 0, agent: 1 } });
      return true;
    });

    // Typing crosses both ways: the visitor types on A, the agent on B sees it; and the reverse.
    const agentSeesTyping = agent.locator(C.typing).filter({ visible: true });
    await visitor.locator(W.input).pressSequentially('And how ', { delay: 60 });
    await waitFor('the console on B to show the visitor typing on A', async () => (await agentSeesTyping.count()) > 0);
    await visitor.locator(W.input).fill('');

    const visitorSeesTyping = visitor.locator(W.typing).filter({ visible: true });
    await agent.locator(C.composer).pressSequentially('Yes, we ', { delay: 60 });
    await waitFor('the widget on A to show the agent typing on B', async () => (await visitorSeesTyping.count()) > 0);
    const reply = 'Yes, we ship to Belgium; it takes three working days.';
    await agentReplies(agent, visitor, reply);
    await waitFor('the agent typing indicator to go once the reply arrives', async () => (await visitorSeesTyping.count()) === 0);

    // The visitor moves through A's shop; B's sidebar follows live.
    await Promise.all([visitor.waitForURL('**/products/tote.html'), visitor.locator('[data-product=tote]').first().click()]);
    await expectCurrentPage(agent, '/demo/products/tote.html', 'Canvas tote');
    await visitor.goto(`${a.baseUrl}/demo/products/mug.html`);
    await expectCurrentPage(agent, '/demo/products/mug.html', 'Stoneware mug');

    // And the chat goes on from the new page, still across the two processes.
    await openChat(visitor);
    const followUp = 'Great, then I will take two mugs.';
    const thanks = 'Lovely, they will leave the warehouse tomorrow.';
    await visitorWrites(visitor, agent, followUp);
    await agentReplies(agent, visitor, thanks);

    const expected: Array<[string, string]> = [
      ['visitor', question],
      ['agent', reply],
      ['visitor', followUp],
      ['agent', thanks],
    ];
    await waitForExactly('the visitor on A to see the whole chat, once each, in order', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      settle: 1_500,
    });
    await waitForExactly('the agent on B to see the same chat', async () => asPairs(dialogue(await threadLines(agent))), expected, { settle: 500 });

    const texts = expected.map(([, text]) => text);
    const visitorLines = await widgetLines(visitor);
    const agentLines = await threadLines(agent);
    assertEachOnce('visitor on A', visitorLines, texts);
    assertEachOnce('agent on B', agentLines, texts);
    assertSeqAscending('visitor on A', dialogue(visitorLines));
    assertSeqAscending('agent on B', dialogue(agentLines));
    assertEqual('A and B show the same server order (seq)', dialogue(visitorLines).map((l) => l.seq), dialogue(agentLines).map((l) => l.seq));
    assertEqual('the console on B was never reloaded', await agent.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload), true);
  });
});
