/**
 * Journey: typing preview, told and then switched off. A visitor opens the chat and reads, above the composer,
 * that agents can see what they type before sending it. They start a chat; the agent takes it. The visitor types
 * a question without sending it, and the agent watches it appear under the thread as it is written, apart from
 * the messages. Then the admin switches typing preview off for the site. The open widget drops the notice at
 * once, without a reload, and when the visitor types again the agent sees only that the visitor is typing: the
 * unsent words never leave the visitor's page.
 */
import { describe, it } from 'vitest';
import { dialogue } from '../support/chat-lines.js';
import { C, loginAgent, threadLines } from '../support/console.js';
import { S, WO, adminApi, textOf } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { recordRealtime } from '../support/realtime-traffic.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { startChat } from '../support/scenes.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, openChat } from '../support/widget.js';

const skip = requireChromium();

const NOTICE = 'Agents can see what you type before you send it.';

describe.skipIf(skip !== null)(withReason('journey: typing preview', skip), () => {
  const journey = setupJourney('typing-preview');

  it('the agent sees the unsent draft live while the widget says so; once the site turns it off, neither the notice nor the draft', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    const agentTraffic = recordRealtime(agent);
    await loginAgent(agent, baseUrl);

    const visitor = await (await journey().person('visitor')).newPage();
    const visitorTraffic = recordRealtime(visitor);
    await visitor.goto(`${baseUrl}/demo/products/tote.html`);

    // The widget tells the visitor before they write anything.
    await openChat(visitor);
    await waitFor('the widget to show the typing preview notice', async () => (await textOf(visitor, WO.previewNotice)) === NOTICE);
    await startChat(visitor, agent, 'Hello, a question about the canvas tote.');

    // The visitor types without sending: the agent reads the draft as it grows, outside the thread's messages.
    const draft = 'Does the navy tote have an inside pocket';
    await visitor.locator(W.input).pressSequentially(draft, { delay: 30 });
    await waitFor('the agent to see the whole unsent draft under the thread', async () => {
      const shown = await textOf(agent, S.typingPreview);
      if (!shown.endsWith(draft)) throw new Error(`the preview reads "${shown}"`);
      return true;
    });
    if ((await threadLines(agent)).some((l) => l.text.includes(draft))) throw new Error(`the draft shows as a message: ${JSON.stringify(await threadLines(agent))}`);
    assertEqual('messages the visitor sent besides the first', dialogue(await threadLines(agent)).length, 1);
    // The draft goes when the visitor empties the box.
    await visitor.locator(W.input).fill('');
    await waitFor('the preview to go once the visitor empties the box', async () => (await agent.locator(S.typingPreview).count()) === 0);

    // The admin switches typing preview off for the site.
    const admin = await adminApi(await journey().person('admin'), baseUrl);
    const site = await admin.demoSite();
    const updated = await admin.updateSettings(site.id, { typingPreview: false });
    assertEqual('typing preview after the PATCH', updated.settings.typingPreview, false);

    // The open widget stops saying agents can read along, without a reload.
    await waitFor('the notice to leave the open widget', async () => (await visitor.locator(WO.previewNotice).count()) === 0);

    // The visitor types again: the agent sees that they type, not what.
    const secret = 'My door code is 4417B, leave it with the concierge';
    const typingSeen = agentTraffic.received('typing:update').length;
    await visitor.locator(W.input).pressSequentially(secret, { delay: 30 });
    await waitFor('the agent to see "Visitor is typing…"', async () => (await agent.locator(C.typing).count()) === 1);
    await waitFor('a typing signal for this typing to reach the agent', async () => agentTraffic.received('typing:update').length > typingSeen);
    assertEqual('typing previews in the agent\'s thread', await agent.locator(S.typingPreview).count(), 0);
    if ((await agent.locator('body').innerText()).includes('4417B')) throw new Error("the agent's console shows the visitor's unsent text");
    const leaked = [
      ...visitorTraffic.sent('typing:set', (p) => JSON.stringify(p).includes('4417B')),
      ...agentTraffic.received('typing:update', (p) => JSON.stringify(p).includes('4417B')),
    ];
    assertEqual('typing frames carrying the unsent text, sent by the visitor or received by the agent', leaked, []);
    if (agentTraffic.received('typing:update', (p) => JSON.stringify(p).includes(draft)).length === 0) {
      throw new Error('the recorder saw no typing frame with the first draft: it records nothing');
    }
  });
});
