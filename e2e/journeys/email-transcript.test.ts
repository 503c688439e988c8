/**
 * Journey: a transcript by email. Chloé, whose browser speaks French, asks a question; the agent writes an
 * internal note, answers and closes the chat. In the closed chat Chloé asks for the conversation by email, types
 * her address, and reads where it went. The SMTP server receives it: in French, with her question and the answer,
 * and without the note.
 */
import { describe, it } from 'vitest';
import { C, loginAgent } from '../support/console.js';
import { sendAgentNote } from '../support/console-team.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { startServer } from '../support/server.js';
import { startSmtp, type Inbox } from '../support/smtp.js';
import { WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { visitShop } from '../support/widget.js';

const skip = requireChromium();
let smtp: Inbox;

describe.skipIf(skip !== null)(withReason('journey: transcript by email', skip), () => {
  const journey = setupJourney('email-transcript', async () => {
    smtp = await startSmtp();
    const server = await startServer({ CAUSETTE_SMTP_URL: smtp.url, CAUSETTE_MAIL_FROM: 'Demo shop <chat@shop.example>' });
    return {
      servers: [server],
      stop: async () => {
        await server.stop();
        await smtp.close();
      },
    };
  });

  it('the visitor asks for the closed chat by email and receives it, in her language, without internal notes', async () => {
    const { baseUrl } = journey();
    const address = 'chloe.martin@example.com';
    const question = 'Bonjour, le sac cabas passe-t-il en bagage cabine ?';
    const note = 'NOTE-91c ne pas promettre de dimensions avant vérification';
    const answer = 'Oui : il mesure 40 × 30 × 15 cm, cela passe partout.';

    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    const chloe = await visitShop(await journey().person('chloe', { locale: 'fr-FR' }), baseUrl, '/demo/');
    await startChat(chloe, agent, question);
    await sendAgentNote(agent, note);
    await agentReplies(agent, chloe, answer);
    await agent.locator(C.close).click();

    // The closed chat offers the transcript; Chloé types her address and sends.
    await chloe.locator(WF.transcriptOpen).waitFor({ state: 'visible', timeout: 15_000 });
    await chloe.locator(WF.transcriptOpen).click();
    await chloe.locator('[data-part=transcript-email]').fill(address);
    await chloe.locator('[data-part=transcript-send]').click();
    await waitFor(`Chloé to read that it went to ${address}`, async () =>
      ((await chloe.locator('[data-part=transcript-sent]').textContent().catch(() => '')) ?? '').includes(address),
    );

    const mail = await smtp.waitFor(`to ${address}`, (m) => m.to.includes(address), 15_000);
    assertEqual('the subject, in French', mail.subject, 'Votre conversation avec Demo shop');
    for (const line of [question, answer]) if (!mail.text.includes(line)) throw new Error(`the transcript lacks "${line}":\n${mail.text}`);
    for (const part of [mail.text, mail.html]) if (part.includes('NOTE-91c')) throw new Error(`the transcript shows the internal note:\n${part}`);
    if (!mail.html.includes('40 × 30 × 15 cm')) throw new Error(`the HTML part lacks the answer:\n${mail.html}`);
    assertEqual('emails sent', smtp.mails.length, 1);
  });
});
