/**
 * Journey: a chat handed to a team. The demo site routes chats automatically; its Sales team is Ana alone, and
 * Bruno is not in it. A visitor asks about a bulk order while only Bruno is at his console, so the chat is his.
 * Ana arrives, and Bruno transfers the chat to the Sales team. It lands in Ana's "My chats" on its own, marked
 * as newly assigned to her; the routing note says why she got it, naming Sales. Bruno no longer holds it, the
 * visitor's header now names Ana, and her answer reaches them.
 */
import { describe, it } from 'vitest';
import { dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, sendAgentMessage } from '../support/console.js';
import { CT, threadKindLines } from '../support/console-team.js';
import { S, adminApi, textOf } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, openChat, sendVisitorMessage, widgetLines } from '../support/widget.js';

const skip = requireChromium();

type Marked = { e2eNoReload?: boolean };

describe.skipIf(skip !== null)(withReason('journey: transfer to a team with auto routing', skip), () => {
  const journey = setupJourney('team-routing');

  it("a chat Bruno transfers to Sales goes to Ana, Sales' only member, with the badge and a routing note naming the team", async () => {
    const { baseUrl } = journey();

    // The admin, over REST only: auto routing, Ana and Bruno, and a Sales team of Ana alone.
    const admin = await adminApi(await journey().person('admin'), baseUrl);
    const site = await admin.demoSite();
    await admin.updateSettings(site.id, { routing: 'auto' });
    const ana = await admin.createAgent({ email: 'ana@example.com', name: 'Ana Lopes', password: 'ana-agent-password', capacity: 3 });
    const bruno = await admin.createAgent({ email: 'bruno@example.com', name: 'Bruno Marchal', password: 'bruno-agent-password', capacity: 3 });
    const sales = await admin.createTeam({ siteId: site.id, name: 'Sales', memberIds: [ana.id] });

    // Only Bruno is online when the visitor writes: the chat is routed to him.
    const brunoPage = await (await journey().person('bruno')).newPage();
    await loginAgent(brunoPage, baseUrl, bruno.email, 'bruno-agent-password');
    const visitor = await (await journey().person('visitor')).newPage();
    await visitor.goto(`${baseUrl}/demo/`);
    await openChat(visitor);
    const question = 'Hello, we would like 40 printed totes for a company event. Do you do bulk prices?';
    await sendVisitorMessage(visitor, question);
    const mineRow = brunoPage.locator(`${C.mine} ${C.item}`);
    await waitFor('the chat to be routed to Bruno', async () => (await mineRow.count()) === 1);
    const conversationId = (await mineRow.getAttribute('data-id'))!;
    await waitFor(`the widget header to name ${bruno.name}`, async () => (await textOf(visitor, W.agentName)) === bruno.name);

    // Ana comes online, with nothing of hers yet.
    const anaPage = await (await journey().person('ana')).newPage();
    await loginAgent(anaPage, baseUrl, ana.email, 'ana-agent-password');
    // Proof that the chat reaches Ana live: a reload would drop this marker.
    await anaPage.evaluate(() => ((window as Marked).e2eNoReload = true));
    assertEqual('chats in Ana\'s "My chats" before the transfer', await mineItems(anaPage).count(), 0);
    assertEqual('"assigned to me" badges in Ana\'s inbox before the transfer', await anaPage.locator(`${C.mine} ${S.assignedBadge}`).count(), 0);

    // Bruno transfers the chat to the Sales team.
    await mineRow.click();
    await waitFor("Bruno's thread to show the question", async () => (await threadKindLines(brunoPage)).some((l) => l.text === question));
    await brunoPage.locator(CT.transfer).click();
    await brunoPage.locator(`${S.transferTeam}[data-team-id="${sales.id}"]`).click();
    await brunoPage.locator(CT.transferConfirm).click();

    // Ana: the chat arrives in "My chats" by itself, marked as newly assigned to her.
    const anaRow = anaPage.locator(`${C.mine} ${C.item}[data-id="${conversationId}"]`);
    await waitFor('the chat to arrive in Ana\'s "My chats"', async () => (await anaRow.count()) === 1);
    assertEqual("Ana's console was never reloaded", await anaPage.evaluate(() => (window as Marked).e2eNoReload), true);
    await waitFor('the "assigned to me" badge on Ana\'s "My chats" to read 1', async () => (await textOf(anaPage, `${C.mine} ${S.assignedBadge}`)) === '1');

    // She opens it: the transfer and the routing note naming Sales; the badge has done its job.
    await anaRow.click();
    const routed = `Assigned to ${ana.name} (Sales): most free slots (3 of 3)`;
    await waitFor("Ana's thread to show the question, the transfer to Sales and the routing note", async () => {
      const lines = (await threadKindLines(anaPage)).filter((l) => !l.pending).map((l) => [l.author, l.kind, l.text].join(' | '));
      const at = lines.indexOf(`system | note | ${routed}`);
      const ok = lines.includes(`visitor | text | ${question}`) && at > 0 && lines[at - 1] === `agent | note | Transferred to the Sales team`;
      if (!ok) throw new Error(`Ana's thread reads ${JSON.stringify(lines)}`);
      return true;
    });
    await waitFor('the badge to go once Ana has the chat in front of her', async () => (await anaPage.locator(`${C.mine} ${S.assignedBadge}`).count()) === 0);

    // Bruno no longer holds it.
    await waitFor('the chat to leave Bruno\'s "My chats"', async () => (await mineItems(brunoPage).count()) === 0);

    // The visitor: Ana in the header, and her answer; no internal note.
    await waitFor(`the widget header to name ${ana.name}`, async () => (await textOf(visitor, W.agentName)) === ana.name);
    const reply = 'Hi, Ana from Sales here. From 25 totes we print at 9 euros each; I will send you a quote.';
    await sendAgentMessage(anaPage, reply);
    await waitFor('the visitor to receive Ana\'s answer', async () => dialogue(await widgetLines(visitor)).some((l) => l.author === 'agent' && l.text === reply));
    const shown = (await widgetLines(visitor)).map((l) => l.text);
    if (shown.some((t) => t.startsWith('Assigned to') || t.startsWith('Transferred to'))) throw new Error(`the visitor sees an internal note: ${JSON.stringify(shown)}`);
  });
});
