/**
 * Journey: agent 1 hands a chat to agent 2 with an internal note. Agent 2 gets it live in "My chats" with the
 * whole history and the note; agent 1 no longer holds it; the visitor sees agent 2 join and answer, and never
 * the note — not in the widget, not in storage, not in any socket frame their page received.
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, mineItems, sendAgentMessage } from '../support/console.js';
import { CT, createAgent, signedInAgent, threadKindLines } from '../support/console-team.js';
import { setupJourney } from '../support/journey.js';
import { recordReceivedFrames } from '../support/received-frames.js';
import { recordRealtime } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { assertVisitorNeverSees, visitorPageMarkup } from '../support/visitor-sees.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, openChat, widgetLines } from '../support/widget.js';

const skip = requireChromium();

type Marked = { e2eNoReload?: boolean };

describe.skipIf(skip !== null)(withReason('journey: transfer with a note', skip), () => {
  const journey = setupJourney('transfer-with-note');

  it('agent 2 takes over live with the history and the note; the visitor sees who joined, never the note', async () => {
    const { baseUrl } = journey();
    const firstContext = await journey().person('agent-1');
    const first = await firstContext.newPage();
    await loginAgent(first, baseUrl);
    const agent1 = await signedInAgent(firstContext, baseUrl);

    const password = 'second-agent-password';
    const agent2 = await createAgent(firstContext, baseUrl, { email: 'bruno@example.com', name: 'Bruno Marchal', password });
    const second = await (await journey().person('agent-2')).newPage();
    await loginAgent(second, baseUrl, agent2.email, password);
    // Proof that agent 2 gets the chat live: a reload would drop this marker.
    await second.evaluate(() => ((window as Marked).e2eNoReload = true));

    const visitor = await (await journey().person('visitor')).newPage();
    const traffic = recordRealtime(visitor);
    const frames = recordReceivedFrames(visitor);
    await visitor.goto(`${baseUrl}/demo/`);

    const question = 'Hello, my order 1042 arrived with a broken mug. What can I do?';
    const conversationId = await startChat(visitor, first, question);
    const reply1 = 'I am sorry to hear that. Let me get a colleague from the returns team.';
    await agentReplies(first, visitor, reply1);
    await waitFor(`the widget header to show ${agent1.name}`, async () => (await visitor.locator(W.agentName).textContent())?.trim() === agent1.name);
    assertEqual('chats in agent 2\'s "My chats" before the transfer', await mineItems(second).count(), 0);

    // Agent 1 transfers, with a note for agent 2 only.
    const note = 'PRIVATE-q8z2 refund approved up to 18 euros, no need to ask for photos';
    await first.locator(CT.transfer).click();
    const target = first.locator(`${CT.transferAgent}[data-agent-id="${agent2.id}"]`);
    await target.click();
    await first.locator(CT.transferNote).fill(note);
    await first.locator(CT.transferConfirm).click();

    // Agent 2: the chat arrives in "My chats" without a reload, with the whole history, the note and the join.
    const row = second.locator(`${C.mine} ${C.item}[data-id="${conversationId}"]`);
    await waitFor('the chat to arrive in agent 2\'s "My chats"', async () => (await row.count()) === 1);
    assertEqual('agent 2\'s console was never reloaded', await second.evaluate(() => (window as Marked).e2eNoReload), true);
    await row.click();
    const joined = `${agent2.name} joined the chat`;
    await waitFor("agent 2's thread to show the whole history, the note and the join, in order", async () => {
      const lines = (await threadKindLines(second)).filter((l) => !l.pending);
      const got = lines.map((l) => [l.author, l.kind, l.text]);
      const ok =
        got.length === 4 &&
        JSON.stringify(got[0]) === JSON.stringify(['visitor', 'text', question]) &&
        JSON.stringify(got[1]) === JSON.stringify(['agent', 'text', reply1]) &&
        got[2]![0] === 'agent' && got[2]![1] === 'note' && String(got[2]![2]).includes(note) &&
        JSON.stringify(got[3]) === JSON.stringify(['system', 'event', joined]);
      if (!ok) throw new Error(`agent 2's thread reads ${JSON.stringify(got)}`);
      return true;
    });

    // Agent 1 no longer holds it.
    await waitFor('the chat to leave agent 1\'s "My chats"', async () => (await first.locator(`${C.mine} ${C.item}[data-id="${conversationId}"]`).count()) === 0);

    // The visitor: agent 2 joined, and the header says so; the note is nowhere.
    await waitFor(`the visitor to see "${joined}"`, async () => (await widgetLines(visitor)).some((l) => l.author === 'system' && l.text === joined));
    await waitFor(`the widget header to show ${agent2.name}`, async () => {
      const name = (await visitor.locator(W.agentName).textContent())?.trim();
      if (name !== agent2.name) throw new Error(`the header shows "${name}"`);
      return true;
    });
    await assertVisitorNeverSees('the visitor after the transfer', visitor, frames, 'PRIVATE-q8z2');
    await assertVisitorNeverSees('the visitor after the transfer', visitor, frames, `Transferred to ${agent2.name}`);

    // Agent 2 answers; the visitor reads it after agent 1's reply and the join.
    const reply2 = 'Hi, Bruno here. I have refunded the mug, you will see it in 3 to 5 days.';
    await sendAgentMessage(second, reply2);
    const expected: Array<[string, string]> = [
      ['visitor', question],
      ['agent', reply1],
      ['agent', reply2],
    ];
    await waitForExactly('the visitor to see both agents\' replies, once each, in order', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      settle: 1_000,
    });
    const visitorLines = (await widgetLines(visitor)).filter((l) => l.seq !== null);
    assertEqual(
      'the visitor sees the join between the two replies',
      visitorLines.map((l) => [l.author, l.text]),
      [['visitor', question], ['agent', reply1], ['system', joined], ['agent', reply2]],
    );
    if (traffic.received('message:new', (p) => (p as { body?: string }).body === reply2).length === 0) {
      throw new Error("agent 2's reply did not reach the visitor as message:new");
    }
    const notesReceived = traffic.events.filter((e) => e.direction === 'received' && JSON.stringify(e.payload).includes('"kind":"note"'));
    assertEqual('events of kind "note" the visitor page received', notesReceived, []);

    // And after a reload, from the stored history: agent 2 in the header, still no note.
    await visitor.reload();
    await openChat(visitor);
    await waitForExactly('the visitor, after a reload, to see the same lines', async () => (await widgetLines(visitor)).filter((l) => l.seq !== null).map((l) => [l.author, l.text]), [
      ['visitor', question],
      ['agent', reply1],
      ['system', joined],
      ['agent', reply2],
    ]);
    assertEqual('the widget header after a reload', (await visitor.locator(W.agentName).textContent())?.trim(), agent2.name);
    if (frames.containing(reply2).length === 0) throw new Error('the frame recorder saw no frame with the reply: it records nothing');
    if (!(await visitorPageMarkup(visitor)).includes(reply2)) throw new Error("the widget markup does not hold the reply: the markup check reads the wrong place");
    await assertVisitorNeverSees('the visitor after a reload', visitor, frames, 'PRIVATE-q8z2');
    await assertVisitorNeverSees('the visitor after a reload', visitor, frames, `Transferred to ${agent2.name}`);
  });
});
