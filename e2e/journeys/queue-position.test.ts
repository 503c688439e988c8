/**
 * Journey: automatic routing with a line. An admin switches the demo site to `routing: 'auto'` over REST and
 * never opens a console (so is no online agent). Two agents with capacity 1 are at their consoles. Three
 * visitors write one after another: the first two chats land straight in the agents' "My chats" with the
 * routing reason as an internal note; the third visitor is told they are number 1 in line. When an agent
 * closes a chat, the third chat goes to that agent live: the line disappears, the visitor's header shows the
 * agent, and the agent's answer reaches the visitor.
 */
import type { Agent, Site } from '@causette/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, queueItems, sendAgentMessage } from '../support/console.js';
import { threadKindLines } from '../support/console-team.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, openChat, sendVisitorMessage, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

type Marked = { e2eNoReload?: boolean };

const QUEUE = '[data-part=queue]';
const QUEUE_TEXT = /^You are number 1 in line( · ~\d+ min)?$/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** REST calls as the admin: the session cookie lives in the admin's browser context, no console is opened. */
async function adminApi(admin: BrowserContext, baseUrl: string) {
  const login = await admin.request.post(`${baseUrl}/api/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  if (!login.ok()) throw new Error(`POST /api/auth/login answered ${login.status()}: ${await login.text()}`);
  return {
    async demoSite(): Promise<Site> {
      const res = await admin.request.get(`${baseUrl}/api/sites`);
      if (!res.ok()) throw new Error(`GET /api/sites answered ${res.status()}: ${await res.text()}`);
      const site = ((await res.json()) as { items: Site[] }).items.find((s) => s.key === 'demo');
      if (!site) throw new Error('GET /api/sites lists no demo site');
      return site;
    },
    async setRouting(siteId: string, routing: 'auto' | 'manual'): Promise<Site> {
      const res = await admin.request.patch(`${baseUrl}/api/sites/${siteId}`, { data: { settings: { routing } } });
      if (!res.ok()) throw new Error(`PATCH /api/sites/${siteId} answered ${res.status()}: ${await res.text()}`);
      return (await res.json()) as Site;
    },
    async createAgent(body: { email: string; name: string; password: string; capacity: number }): Promise<Agent> {
      const res = await admin.request.post(`${baseUrl}/api/agents`, { data: body });
      if (res.status() !== 201) throw new Error(`POST /api/agents answered ${res.status()}: ${await res.text()}`);
      return (await res.json()) as Agent;
    },
  };
}

interface AtConsole {
  agent: Agent;
  page: Page;
}

/**
 * Which agent's "My chats" got a chat it did not hold before (ids in `known`), without a take; returns that agent
 * and the chat's id. Rows are matched by id, not by preview: the preview of a routed chat is the routing note.
 */
async function landedNew(agents: AtConsole[], known: Set<string>, what: string): Promise<{ holder: AtConsole; id: string }> {
  return waitFor(`${what} to land in exactly one agent's "My chats"`, async () => {
    const holders: Array<{ holder: AtConsole; id: string }> = [];
    for (const a of agents) {
      for (const id of await mineItems(a.page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''))) {
        if (!known.has(id)) holders.push({ holder: a, id });
      }
    }
    if (holders.length > 1) throw new Error(`new chats in "My chats": ${holders.map((h) => `${h.holder.agent.name}:${h.id}`).join(', ')}`);
    return holders.length === 1 ? holders[0]! : false;
  }, { timeout: 15_000 });
}

/**
 * Opens the conversation `id` in "My chats", checks it is the visitor's question, and waits for the routing
 * note: one system-written internal note.
 */
async function assertRoutingNote(page: Page, id: string, question: string, expected: RegExp): Promise<void> {
  await page.locator(`${C.mine} ${C.item}[data-id="${id}"]`).click();
  await waitFor(`the thread of ${id} to show the question "${question}"`, async () =>
    (await threadKindLines(page)).some((l) => l.author === 'visitor' && l.kind === 'text' && l.text === question),
  );
  await waitFor(`the thread to show the routing note ${expected}`, async () => {
    const lines = await threadKindLines(page);
    const notes = lines.filter((l) => l.text.startsWith('Assigned to'));
    if (notes.length !== 1) throw new Error(`routing notes: ${JSON.stringify(notes)}; thread: ${JSON.stringify(lines)}`);
    const note = notes[0]!;
    if (note.kind !== 'note' || note.author !== 'system' || !expected.test(note.text)) throw new Error(`the routing note reads ${JSON.stringify(note)}`);
    return true;
  });
}

describe.skipIf(skip !== null)(withReason('journey: queue position', skip), () => {
  const journey = setupJourney('queue-position');

  it('with auto routing, two agents of capacity 1 get the first two chats; the third visitor waits as number 1 and gets the agent who frees up', async () => {
    const { baseUrl } = journey();

    // The admin, over REST only: auto routing on the demo site and two agents with one slot each.
    const admin = await adminApi(await journey().person('admin'), baseUrl);
    const site = await admin.demoSite();
    const updated = await admin.setRouting(site.id, 'auto');
    assertEqual('the demo site routing after the PATCH', updated.settings.routing, 'auto');
    assertEqual('the demo site routing as GET /api/sites reads it', (await admin.demoSite()).settings.routing, 'auto');
    const team = [
      { email: 'ana@example.com', name: 'Ana Lopes', password: 'ana-agent-password' },
      { email: 'bruno@example.com', name: 'Bruno Marchal', password: 'bruno-agent-password' },
    ];
    const agents: AtConsole[] = [];
    for (const t of team) {
      const agent = await admin.createAgent({ ...t, capacity: 1 });
      assertEqual(`${t.name}'s capacity`, agent.capacity, 1);
      const page = await (await journey().person(t.name)).newPage();
      await loginAgent(page, baseUrl, t.email, t.password);
      await waitFor(`${t.name}'s console to be connected`, async () => (await page.locator(C.connection).count()) === 0);
      // Proof that chats arrive live: a reload would drop this marker.
      await page.evaluate(() => ((window as Marked).e2eNoReload = true));
      agents.push({ agent, page });
    }

    const people = [
      { name: 'Alice', question: 'Alice here: is the tote bag machine washable?' },
      { name: 'Bruno', question: 'Bruno here: do the mugs go in the dishwasher?' },
      { name: 'Chloé', question: 'Chloé here: do you ship candles to Belgium?' },
    ];
    const visitors: Page[] = [];
    const write = async (i: number) => {
      const page = await visitShop(await journey().person(people[i]!.name), baseUrl);
      visitors.push(page);
      await openChat(page);
      await sendVisitorMessage(page, people[i]!.question);
      return page;
    };

    // Visitor 1: both agents have 1 of 1 free slot (a tie, broken by who has been idle the longest).
    await write(0);
    const known = new Set<string>();
    const first = await landedNew(agents, known, "the first visitor's chat");
    known.add(first.id);
    const firstName = escapeRegExp(first.holder.agent.name);
    await assertRoutingNote(first.holder.page, first.id, people[0]!.question, new RegExp(`^Assigned to ${firstName}: most free slots \\(1 of 1\\)(, idle the longest)?$`));

    // Visitor 2: only the other agent has room.
    await write(1);
    const second = await landedNew(agents, known, "the second visitor's chat");
    known.add(second.id);
    if (second.holder === first.holder) throw new Error(`both chats went to ${first.holder.agent.name}, whose capacity is 1`);
    await assertRoutingNote(second.holder.page, second.id, people[1]!.question, new RegExp(`^Assigned to ${escapeRegExp(second.holder.agent.name)}: most free slots \\(1 of 1\\)$`));
    for (const a of agents) {
      assertEqual(`${a.agent.name}'s "My chats" holds one chat`, await mineItems(a.page).count(), 1);
      assertEqual(`${a.agent.name}'s queue is empty`, await queueItems(a.page).count(), 0);
    }

    // Visitor 3: nobody has room; the widget tells them their place in line.
    const third = await write(2);
    const line = await waitFor('the third visitor to see their place in line', async () => {
      const text = ((await third.locator(QUEUE).textContent({ timeout: 1_000 })) ?? '').trim();
      if (!QUEUE_TEXT.test(text)) throw new Error(`the line reads ${JSON.stringify(text)}`);
      return text;
    });
    assertEqual('the place in line', Number(/number (\d+) in line/.exec(line)?.[1]), 1);
    let thirdId = '';
    for (const a of agents) {
      const waiting = queueItems(a.page).filter({ hasText: people[2]!.question });
      await waitFor(`the third chat in ${a.agent.name}'s queue`, async () => (await waiting.count()) === 1 && (await queueItems(a.page).count()) === 1);
      const id = (await waiting.getAttribute('data-id'))!;
      if (thirdId && id !== thirdId) throw new Error(`the agents' queues show different chats: ${thirdId} and ${id}`);
      thirdId = id;
      assertEqual(`${a.agent.name}'s "My chats" still holds one chat`, await mineItems(a.page).count(), 1);
    }
    // The first two visitors are not in line, and no visitor sees a routing note.
    for (const [i, page] of visitors.entries()) {
      if (i < 2) assertEqual(`${people[i]!.name} sees no place in line`, await page.locator(QUEUE).count(), 0);
      const shown = (await widgetLines(page)).map((l) => l.text);
      if (shown.some((t) => t.includes('Assigned to'))) throw new Error(`${people[i]!.name} sees a routing note: ${JSON.stringify(shown)}`);
    }

    // The agent with the first chat closes it: the third chat goes to them at once.
    const freed = first.holder;
    await freed.page.locator(`${C.mine} ${C.item}[data-id="${first.id}"]`).click();
    await waitFor(`${freed.agent.name}'s thread to show "${people[0]!.question}"`, async () =>
      (await threadKindLines(freed.page)).some((l) => l.text === people[0]!.question),
    );
    await freed.page.locator(C.close).click();

    await waitFor('the third visitor\'s place in line to disappear', async () => (await third.locator(QUEUE).count()) === 0);
    await waitFor(`the third visitor's header to show ${freed.agent.name}`, async () =>
      ((await third.locator(W.agentName).textContent({ timeout: 1_000 })) ?? '').trim() === freed.agent.name,
    );
    const thirdRow = freed.page.locator(`${C.mine} ${C.item}[data-id="${thirdId}"]`);
    await waitFor(`the third chat to arrive in ${freed.agent.name}'s "My chats"`, async () => (await thirdRow.count()) === 1);
    assertEqual(`${freed.agent.name}'s console was never reloaded`, await freed.page.evaluate(() => (window as Marked).e2eNoReload), true);
    await waitFor(`the closed chat to leave ${freed.agent.name}'s "My chats"`, async () =>
      (await freed.page.locator(`${C.mine} ${C.item}[data-id="${first.id}"]`).count()) === 0,
    );
    for (const a of agents) {
      await waitFor(`${a.agent.name}'s queue to be empty`, async () => (await queueItems(a.page).count()) === 0);
    }
    const other = agents.find((a) => a !== freed)!;
    assertEqual(`${other.agent.name}'s "My chats" did not get the third chat`, await other.page.locator(`${C.mine} ${C.item}[data-id="${thirdId}"]`).count(), 0);
    await assertRoutingNote(freed.page, thirdId, people[2]!.question, new RegExp(`^Assigned to ${escapeRegExp(freed.agent.name)}: most free slots \\(1 of 1\\)$`));

    // The agent answers, no take needed, and the third visitor reads it.
    const reply = 'Chloé, yes: candles ship to Belgium in 2 to 3 days.';
    await sendAgentMessage(freed.page, reply);
    await waitFor('the third visitor to receive the reply', async () =>
      dialogue(await widgetLines(third)).some((l) => l.author === 'agent' && l.text === reply),
    );
  });
});
