/**
 * Journey: back to the chat from an email, on another device. Léa leaves a message on a product page while
 * nobody is at the console, and closes the tab. The agents get an email with a link to the conversation; the
 * agent follows it into the console and answers. Léa is gone, so she gets an email with the answer and a link.
 * She opens it on her phone (a new browser, nothing stored): the shop's product page opens, and the widget shows
 * the same conversation with the answer, live: her next line reaches the agent. The link worked once: opened
 * again, it says it has been used, and no widget resumes anything.
 */
import { describe, it } from 'vitest';
import { asPairs, dialogue } from '../support/chat-lines.js';
import { loginAgent, sendAgentMessage, threadLines } from '../support/console.js';
import { WO, openPanel, textOf } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { visitorWrites } from '../support/scenes.js';
import { ADMIN_EMAIL, startServer } from '../support/server.js';
import { startSmtp, type Inbox } from '../support/smtp.js';
import { assertEqual, waitFor, waitForExactly } from '../support/wait.js';
import { W, visitShop, widgetLines } from '../support/widget.js';

const skip = requireChromium();
let smtp: Inbox;

describe.skipIf(skip !== null)(withReason('journey: email and resume link', skip), () => {
  const journey = setupJourney('email-resume', async () => {
    smtp = await startSmtp();
    // A short wait before deciding that Léa is gone: long enough for a page change, short for a test.
    const server = await startServer({ CAUSETTE_SMTP_URL: smtp.url, CAUSETTE_MAIL_FROM: 'Demo shop <chat@shop.example>', CAUSETTE_REPLY_EMAIL_DELAY_MS: '500' });
    return {
      servers: [server],
      stop: async () => {
        await server.stop();
        await smtp.close();
      },
    };
  });

  it('a reply emailed to a visitor who left brings her back to the same chat on another device, once', async () => {
    const { baseUrl } = journey();
    const email = 'lea.moreau@example.com';
    const question = 'Hello, is the linen tote also made in navy blue?';
    const productPage = '/demo/products/tote.html';

    // Léa, on a product page, leaves a message (nobody is online) and closes the tab.
    const leaLaptop = await journey().person('lea-laptop');
    const laptop = await visitShop(leaLaptop, baseUrl, productPage);
    assertEqual('what the panel shows Léa while nobody is online', await openPanel(laptop), 'form');
    await laptop.locator(WO.offlineEmail).fill(email);
    await laptop.locator(WO.offlineName).fill('Léa Moreau');
    await laptop.locator(WO.offlineMessage).fill(question);
    await laptop.locator(WO.offlineSubmit).click();
    await waitFor(`Léa to read a confirmation naming ${email}`, async () => (await textOf(laptop, WO.offlineSent)).includes(email));
    await laptop.close();

    // The agents are emailed; the agent follows the email's link into the console and answers.
    const toAgent = await smtp.waitFor(`to ${ADMIN_EMAIL} about Léa's message`, (m) => m.to.includes(ADMIN_EMAIL), 15_000);
    if (!toAgent.text.includes(question)) throw new Error(`the agents' email does not quote Léa's message:\n${toAgent.text}`);
    const consoleLink = /(http:\/\/\S+\/console\/conversations\/[A-Za-z0-9_-]+)/.exec(toAgent.text)?.[1];
    if (!consoleLink) throw new Error(`no console link in the agents' email:\n${toAgent.text}`);
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    await agent.goto(consoleLink);
    await waitFor("the console to open Léa's conversation from the email's link", async () =>
      asPairs(dialogue(await threadLines(agent))).some(([a, t]) => a === 'visitor' && t === question),
    );
    const reply = 'Hi Léa, yes: navy blue is back in stock, and it ships tomorrow.';
    await sendAgentMessage(agent, reply);

    // Léa has no page open: she gets one email, with the answer and a link.
    const toLea = await smtp.waitFor(`to ${email} with the answer`, (m) => m.to.includes(email), 15_000);
    assertEqual('the subject of the email to Léa', toLea.subject, 'New reply from Demo shop');
    if (!toLea.text.includes(reply)) throw new Error(`the email to Léa does not quote the answer:\n${toLea.text}`);
    const link = /(http:\/\/\S+\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(toLea.text)?.[1];
    if (!link) throw new Error(`no resume link in the email to Léa:\n${toLea.text}`);

    // On her phone (a new browser context, nothing stored): the link opens the product page with her chat.
    const phone = await (await journey().person('lea-phone')).newPage();
    await phone.goto(link);
    await phone.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
    await waitFor('the product page, with the link taken off the address', async () => {
      const url = new URL(phone.url());
      if (url.pathname !== productPage || url.hash !== '') throw new Error(`the phone shows ${phone.url()}`);
      return true;
    });
    assertEqual('what the panel shows Léa on her phone', await openPanel(phone), 'composer');
    await waitForExactly('Léa to see her message and the answer on her phone', async () => asPairs(dialogue(await widgetLines(phone))), [
      ['visitor', question],
      ['agent', reply],
    ]);
    // It is her chat, live: her next line reaches the same conversation in the agent's console.
    await visitorWrites(phone, agent, 'Great, I will order two today.');

    // The link worked once: opened again (say, on a tablet) it says so, and nothing resumes.
    const tablet = await (await journey().person('lea-tablet')).newPage();
    const again = await tablet.goto(link);
    assertEqual('the status of a used link', again?.status(), 410);
    assertEqual('the page a used link shows', new URL(tablet.url()).pathname.startsWith('/r/'), true);
    const said = (await tablet.locator('body').textContent()) ?? '';
    if (!said.includes('already been used')) throw new Error(`the used link's page reads: ${said}`);
    assertEqual('widgets on the used link’s page', await tablet.locator(W.launcher).count(), 0);
    assertEqual('emails sent to Léa', smtp.mails.filter((m) => m.to.includes(email)).length, 1);
  });
});
