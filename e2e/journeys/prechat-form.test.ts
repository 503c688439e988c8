/**
 * Journey: a shop asks before a chat starts. The admin turns the pre-chat form on over REST: name and email
 * required, a topic (the site's teams) and two questions of their own (an order number, required; how the visitor
 * found the shop, a choice). Nadia opens the chat: instead of the composer, one form with those questions and her
 * first message; axe finds nothing serious in it. She sends it empty: each required answer says what is missing,
 * and the focus goes to the first one. She fills it in and sends: her message is in the chat, the composer takes
 * over, and the agent's console has the chat under her name, with her address, the Returns team and her answers.
 * A shopper the shop has identified (`causette('identify', …)`) never sees the form.
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { loginAgent } from '../support/console.js';
import { adminApi } from '../support/console-supervision.js';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { adminReader, focusedInWidget, WF } from '../support/visitor-features.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: pre-chat form', skip), () => {
  const journey = setupJourney('prechat-form');

  it('the form asks name, email, topic and the shop’s questions with the first message; the agent gets them all', async () => {
    const { baseUrl } = journey();
    const adminContext = await journey().person('admin');
    const admin = await adminApi(adminContext, baseUrl);
    const site = await admin.demoSite();
    const returns = await admin.createTeam({ siteId: site.id, name: 'Returns', memberIds: [] });
    await admin.createTeam({ siteId: site.id, name: 'Sales', memberIds: [] });
    await admin.updateSettings(site.id, {
      prechat: {
        enabled: true,
        name: 'required',
        email: 'required',
        askTeam: true,
        fields: [
          { id: 'order_number', label: 'Order number', type: 'text', required: true },
          { id: 'found_us', label: 'How did you find us?', type: 'select', required: false, options: ['Search engine', 'A friend'] },
        ],
      },
    });

    // An agent is at the console, so the chat is live (not the leave-a-message form).
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const nadia = await visitShop(await journey().person('nadia'), baseUrl, '/demo/');
    await nadia.locator(W.launcher).click();
    const form = nadia.locator(WF.prechatForm);
    await form.waitFor({ state: 'visible', timeout: 15_000 });
    assertEqual('composers while the form is open', await nadia.locator(W.input).count(), 0);
    // Every question is labelled, and the required ones say so in words.
    for (const label of ['Name (required)', 'Email (required)', 'Topic (required)', 'Order number (required)', 'How did you find us?', 'How can we help? (required)'])
      await nadia.getByLabel(label, { exact: true }).waitFor({ state: 'visible' });
    await assertNoSeriousViolations(nadia, 'the pre-chat form', WIDGET_CONTEXT);

    // Sent empty: each missing answer is named, flagged on its input, and the focus goes to the first.
    await nadia.locator(WF.prechatSubmit).click();
    await waitFor('the form to say what is missing', async () => {
      const alert = (await nadia.locator(WF.prechatAlert).textContent()) ?? '';
      if (!['Please fill in Name.', 'Please enter a valid email address.', 'Please fill in Topic.', 'Please fill in Order number.', 'Please write a message.'].every((m) => alert.includes(m)))
        throw new Error(`the alert reads "${alert}"`);
      return true;
    });
    // The first refused answer takes the focus once the errors are drawn (a task after the submit).
    await waitFor('the focus on the first refused answer (name)', async () => (await focusedInWidget(nadia)).name === 'name');
    assertEqual('invalid inputs', await nadia.locator(`${WF.prechatForm} [aria-invalid=true]`).count(), 5);
    await assertNoSeriousViolations(nadia, 'the pre-chat form with its errors', WIDGET_CONTEXT);

    const question = 'My parcel arrived with a torn strap. Can I swap the bag?';
    await nadia.getByLabel('Name (required)').fill('Nadia Benali');
    await nadia.getByLabel('Email (required)').fill('nadia.benali@example.com');
    await nadia.getByLabel('Topic (required)').selectOption({ label: 'Returns' });
    await nadia.getByLabel('Order number (required)').fill('CZ-10442');
    await nadia.getByLabel('How did you find us?').selectOption('A friend');
    await nadia.locator(WF.prechatMessage).fill(question);
    await nadia.locator(WF.prechatSubmit).click();

    // Her message is in the chat, stored; the composer has replaced the form.
    await waitForExactly("Nadia's chat to show her first message, stored", async () => asPairs(dialogue(await widgetLines(nadia))), [['visitor', question]]);
    await nadia.locator(W.input).waitFor({ state: 'visible' });
    assertEqual('pre-chat forms after sending', await form.count(), 0);

    // The agent side: the chat is under her name, with her address, the Returns team and her answers.
    const reader = await adminReader(adminContext, baseUrl);
    const stored = await waitFor('the conversation to be stored with the answers', async () => (await reader.conversations()).find((c) => c.lastMessage?.body === question) ?? false);
    assertEqual('visitor name', stored.visitorName, 'Nadia Benali');
    assertEqual('visitor email', stored.visitorEmail, 'nadia.benali@example.com');
    assertEqual('team', [stored.teamId, stored.teamName], [returns.id, 'Returns']);
    assertEqual('answers', stored.fields, { order_number: 'CZ-10442', found_us: 'A friend' });
    // And in the console, the chat reads under her name.
    await waitFor('the console to list the chat under Nadia’s name', async () => (await agent.locator(`[data-test=conversation-item][data-id="${stored.id}"]`).textContent())?.includes('Nadia Benali') ?? false);

    // A shopper the shop identified: no form, straight to the composer.
    const known = await (await journey().person('known')).newPage();
    await known.goto(baseUrl + '/demo/');
    await known.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await known.evaluate(() => (window as unknown as { causette: (...a: unknown[]) => void }).causette('identify', { id: 'customer-881', name: 'Paul Girard' }));
    await known.locator(W.launcher).click();
    await known.locator(W.input).waitFor({ state: 'visible' });
    assertEqual('pre-chat forms for an identified shopper', await known.locator(WF.prechatForm).count(), 0);
  });
});
