/**
 * Journey: a supervisor steps into a chat. Ana, an agent, takes a visitor's chat from the queue and answers; the
 * visitor asks again and waits. Sue, a supervisor, opens the Supervisor view: Ana's row reads one chat of her
 * three, and the chat's row names Ana with a waiting time that runs on screen. Sue watches the chat and sees the
 * visitor's next line arrive live, then takes it over. The visitor sees Sue join and answer; Ana's console says
 * who took the chat from her, and the chat leaves her "My chats".
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, sendAgentMessage, threadLines } from '../support/console.js';
import { threadKindLines } from '../support/console-team.js';
import { S, adminApi, textOf } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat, visitorWrites } from '../support/scenes.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, sendVisitorMessage, widgetLines } from '../support/widget.js';

const skip = requireChromium();

/** "0:07" or "1:02:03" as seconds. */
function seconds(waiting: string): number {
  if (!/^\d+(:\d\d){1,2}$/.test(waiting)) throw new Error(`the waiting time reads "${waiting}"`);
  return waiting.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

describe.skipIf(skip !== null)(withReason('journey: a supervisor takes a chat over', skip), () => {
  const journey = setupJourney('supervisor-takeover');

  it("the supervisor sees the agent's load and the waiting chat, watches it live, takes it over; visitor and agent both see it", async () => {
    const { baseUrl } = journey();

    // The admin, over REST only: Ana (agent, 3 chats at a time) and Sue (supervisor).
    const admin = await adminApi(await journey().person('admin'), baseUrl);
    const ana = await admin.createAgent({ email: 'ana@example.com', name: 'Ana Lopes', password: 'ana-agent-password', capacity: 3 });
    const sue = await admin.createAgent({ email: 'sue@example.com', name: 'Sue Martin', password: 'sue-supervisor-password', role: 'supervisor' });

    // Ana takes the visitor's chat from the queue and answers; the visitor asks again and waits.
    const anaPage = await (await journey().person('ana')).newPage();
    await loginAgent(anaPage, baseUrl, ana.email, 'ana-agent-password');
    const visitor = await (await journey().person('visitor')).newPage();
    await visitor.goto(`${baseUrl}/demo/products/mug.html`);
    const question = 'Hi, my order 2291 still says "preparing" after a week. Is something wrong?';
    const conversationId = await startChat(visitor, anaPage, question);
    const reply1 = 'Let me look into order 2291 for you.';
    await agentReplies(anaPage, visitor, reply1);
    const followUp = 'It was meant to be a birthday present for Saturday…';
    await visitorWrites(visitor, anaPage, followUp);

    // Sue opens the Supervisor view from the navigation.
    const suePage = await (await journey().person('sue')).newPage();
    await loginAgent(suePage, baseUrl, sue.email, 'sue-supervisor-password');
    await Promise.all([suePage.waitForURL('**/console/supervisor'), suePage.locator(S.navSupervisor).click()]);

    // Ana's row: online, one chat of three.
    const anaRow = suePage.locator(`${S.agents} tr[data-agent-id="${ana.id}"]`);
    await waitFor("Ana's row to read Online with a load of 1/3", async () => {
      const load = await textOf(suePage, `${S.agents} tr[data-agent-id="${ana.id}"] ${S.load}`);
      const status = ((await anaRow.locator(S.status).textContent({ timeout: 1_000 })) ?? '').trim();
      if (load !== '1/3' || status !== 'Online') throw new Error(`Ana's row reads load "${load}", status "${status}"`);
      return true;
    });

    // The chat's row: the visitor's chat with Ana, and a waiting time that runs while Sue looks at it.
    const chat = `${S.chats} tr[data-conversation-id="${conversationId}"]`;
    await waitFor("the chat's row to name Ana as the assignee", async () => (await textOf(suePage, `${chat} ${S.assignee}`)) === ana.name);
    assertEqual('chats in the supervisor view', await suePage.locator(`${S.chats} tbody tr`).count(), 1);
    const firstLook = await waitFor('a waiting time on the chat', async () => seconds(await textOf(suePage, `${chat} ${S.waiting}`)));
    await waitFor(`the waiting time to run on past ${firstLook} s`, async () => seconds(await textOf(suePage, `${chat} ${S.waiting}`)) > firstLook, { timeout: 5_000 });

    // Sue watches: the whole chat so far, then the visitor's next line as it arrives.
    await Promise.all([suePage.waitForURL(`**/console/conversations/${conversationId}`), suePage.locator(`${chat} ${S.watch}`).click()]);
    await waitForExactly('Sue to see the chat so far', async () => asPairs(dialogue(await threadLines(suePage))), [
      ['visitor', question],
      ['agent', reply1],
      ['visitor', followUp],
    ]);
    const live = 'Hello? Is anyone still there?';
    await sendVisitorMessage(visitor, live);
    await waitFor('Sue to see the visitor\'s new line live', async () => dialogue(await threadLines(suePage)).some((l) => l.author === 'visitor' && l.text === live));

    // Back to the overview, Sue takes the chat over; it opens for her.
    await Promise.all([suePage.waitForURL('**/console/supervisor'), suePage.locator(S.navSupervisor).click()]);
    await Promise.all([suePage.waitForURL(`**/console/conversations/${conversationId}`), suePage.locator(`${chat} ${S.takeover}`).click()]);
    const takenOver = `Taken over by ${sue.name} from ${ana.name}`;
    const joined = `${sue.name} joined the chat`;
    await waitFor("Sue's thread to show the takeover note and her joining", async () => {
      const lines = (await threadKindLines(suePage)).filter((l) => !l.pending).map((l) => [l.author, l.kind, l.text].join(' | '));
      const at = lines.indexOf(`agent | note | ${takenOver}`);
      if (at === -1 || lines[at + 1] !== `system | event | ${joined}`) throw new Error(`Sue's thread reads ${JSON.stringify(lines)}`);
      return true;
    });
    await waitFor('the chat to be in Sue\'s "My chats"', async () => (await suePage.locator(`${C.mine} ${C.item}[data-id="${conversationId}"]`).count()) === 1);
    assertEqual('the "assigned to me" badge for a chat Sue took herself', await suePage.locator(S.assignedBadge).count(), 0);

    // The visitor sees Sue join, then her answer; the header names her; no internal note reaches them.
    await waitFor(`the visitor to see "${joined}"`, async () => (await widgetLines(visitor)).some((l) => l.author === 'system' && l.text === joined));
    await waitFor(`the widget header to name ${sue.name}`, async () => (await textOf(visitor, W.agentName)) === sue.name);
    const reply2 = 'Hi, Sue here, I manage the team. Your order ships today by express; it will be there on Friday.';
    await sendAgentMessage(suePage, reply2);
    await waitForExactly('the visitor to see the whole chat with Sue\'s answer, once each', async () => asPairs(dialogue(await widgetLines(visitor))), [
      ['visitor', question],
      ['agent', reply1],
      ['visitor', followUp],
      ['visitor', live],
      ['agent', reply2],
    ]);
    if ((await widgetLines(visitor)).some((l) => l.text.includes('Taken over'))) throw new Error(`the visitor sees the takeover note: ${JSON.stringify(await widgetLines(visitor))}`);

    // Ana: the note says who took the chat from her, and it leaves her "My chats".
    await waitFor('the chat to leave Ana\'s "My chats"', async () => (await mineItems(anaPage).count()) === 0);
    await waitFor(`Ana's thread to show the note "${takenOver}"`, async () =>
      (await threadKindLines(anaPage)).some((l) => l.kind === 'note' && l.text === takenOver),
    );
  });
});
