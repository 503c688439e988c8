/**
 * Journey: an agent writes an internal note in a chat, then a reply. The visitor reads the reply and never the
 * note: not in the widget, not after a reload, not in any socket frame their page received, not in storage.
 * The visitor does not even see the agent typing while the note is written.
 */
import { describe, it } from 'vitest';
import { asPairs, assertSeqAscending, dialogue } from '../support/chat-lines.js';
import { C, loginAgent, sendAgentMessage, threadLines } from '../support/console.js';
import { sendAgentNote, threadKindLines } from '../support/console-team.js';
import { setupJourney } from '../support/journey.js';
import { recordReceivedFrames } from '../support/received-frames.js';
import { recordRealtime } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { startChat } from '../support/scenes.js';
import { assertVisitorNeverSees, visitorPageMarkup } from '../support/visitor-sees.js';
import { assertEqual, sleep, waitForExactly } from '../support/wait.js';
import { openChat, widgetLines } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: an internal note stays internal', skip), () => {
  const journey = setupJourney('internal-note-private');

  it('the visitor reads the reply but never the note, live, after a reload and on the wire', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const visitor = await (await journey().person('visitor')).newPage();
    const traffic = recordRealtime(visitor);
    const frames = recordReceivedFrames(visitor);
    await visitor.goto(`${baseUrl}/demo/products/scarf.html`);

    const question = 'Hi, can I return the wool scarf if the colour is off?';
    await startChat(visitor, agent, question);

    // The note: typed like a person, key by key, so a typing signal would have had every chance to leave.
    const note = 'NOTE-7f3k customer returned two scarves last month, check the returns log first';
    const typingBefore = traffic.received('typing:update').length;
    await agent.locator(C.composer).click();
    await agent.locator('[data-test=note-toggle]').check();
    await agent.locator(C.composer).pressSequentially('NOTE-7f3k ', { delay: 40 });
    await agent.locator(C.composer).fill('');
    const noteLine = await sendAgentNote(agent, note);
    await sleep(500);
    assertEqual(
      '"agent is typing" signals the visitor page received while the note was written',
      traffic.received('typing:update').slice(typingBefore),
      [],
    );

    const reply = 'Yes, returns are free for 30 days, whatever the reason.';
    await sendAgentMessage(agent, reply);
    const replyLine = (await threadKindLines(agent)).find((l) => l.text === reply);
    assertEqual('the reply is a text message, not a note', replyLine?.kind, 'text');

    // The visitor gets the question and the reply, in order, and nothing else, even after things settle.
    const expected: Array<[string, string]> = [
      ['visitor', question],
      ['agent', reply],
    ];
    await waitForExactly('the visitor to see the question and the reply only', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      settle: 1_500,
    });
    assertEqual(
      'the agent sees the note between the question and the reply',
      (await threadKindLines(agent)).filter((l) => !l.pending).map((l) => [l.author, l.kind, l.text]),
      [
        ['visitor', 'text', question],
        ['agent', 'note', note],
        ['agent', 'text', reply],
      ],
    );
    const visitorSeqs = dialogue(await widgetLines(visitor)).map((l) => l.seq);
    if (visitorSeqs.includes(noteLine.seq)) throw new Error(`the visitor holds a message with the note's seq ${noteLine.seq}: ${JSON.stringify(await widgetLines(visitor))}`);
    assertEqual(
      'the visitor shows the same seqs as the agent for the visible messages',
      visitorSeqs,
      dialogue(await threadLines(agent)).filter((l) => l.text !== note).map((l) => l.seq),
    );
    // The recorders work: they hold the reply that did arrive.
    if (frames.containing(reply).length === 0) throw new Error('the frame recorder saw no frame with the reply: it records nothing');
    if (!(await visitorPageMarkup(visitor)).includes(reply)) throw new Error("the widget markup does not hold the reply: the markup check reads the wrong place");
    await assertVisitorNeverSees('the visitor (live)', visitor, frames, note);
    await assertVisitorNeverSees('the visitor (live)', visitor, frames, 'NOTE-7f3k');

    // After a reload the history comes from session:resume: still the reply, still no note.
    await visitor.reload();
    await openChat(visitor);
    await waitForExactly('the visitor, after a reload, to see the question and the reply only', async () => asPairs(dialogue(await widgetLines(visitor))), expected, {
      settle: 1_500,
    });
    assertSeqAscending('the visitor after a reload', dialogue(await widgetLines(visitor)));
    await assertVisitorNeverSees('the visitor (after a reload)', visitor, frames, 'NOTE-7f3k');

    // The wire, event by event: the reply came as message:new, the note never did in any form.
    if (traffic.received('message:new', (p) => (p as { body?: string }).body === reply).length === 0) {
      throw new Error(`the reply never arrived as message:new; received events: ${traffic.events.filter((e) => e.direction === 'received').map((e) => e.name).join(', ')}`);
    }
    const noteEvents = traffic.events.filter((e) => e.direction === 'received' && JSON.stringify(e.payload).includes('NOTE-7f3k'));
    assertEqual('events carrying the note that the visitor page received', noteEvents, []);
    const noteKinds = traffic.events.filter((e) => e.direction === 'received' && JSON.stringify(e.payload).includes('"kind":"note"'));
    assertEqual('events of kind "note" that the visitor page received', noteKinds, []);
    if (frames.containing('"kind":"note"').length > 0) throw new Error(`a frame of kind "note" reached the visitor: ${frames.containing('"kind":"note"')[0]}`);
  });
});
