import type { Message } from '@causette/shared';
import { describe, expect, it } from 'vitest';
import { emailLanguage, leftMessageEmail, linkRefusedPage, replyEmail, transcriptEmail } from './templates.js';

const at = Date.UTC(2026, 10, 27, 14, 5);
let seq = 0;
const msg = (m: Partial<Message>): Message => ({
  id: `m${++seq}`,
  conversationId: 'c1',
  seq,
  clientId: `k${seq}`,
  author: 'visitor',
  authorId: null,
  authorName: null,
  kind: 'text',
  body: '',
  createdAt: at,
  ...m,
});

describe('email templates', () => {
  const thread = [
    msg({ author: 'visitor', body: 'Is the <b>apron</b> in stock? "Sage" & green' }),
    msg({ author: 'agent', authorName: 'Ana <script>', kind: 'note', body: 'Internal: she ordered twice before, offer 10%' }),
    msg({ author: 'agent', authorName: 'Ana <script>', body: 'Yes!\nTwo left.' }),
    msg({
      author: 'agent',
      authorName: 'Ana <script>',
      kind: 'attachment',
      body: 'photo',
      attachment: { id: 'f1', name: 'apron "sage".png', size: 10, contentType: 'image/png', url: '/files/f1', width: 1, height: 1 },
    }),
  ];

  it('transcript: messages with author labels and times, attachments by name and URL, never internal notes', () => {
    const mail = transcriptEmail({ lang: 'en', siteName: 'Linen & Co', messages: thread, baseUrl: 'https://chat.example.com' });
    expect(mail.subject).toBe('Your chat with Linen & Co');
    expect(mail.text).toContain('You: Is the <b>apron</b> in stock?');
    expect(mail.text).toContain('Ana <script>: Yes!\nTwo left.');
    expect(mail.text).toContain('Attachment: apron "sage".png <https://chat.example.com/files/f1>');
    expect(mail.text).toContain('Nov 27, 2026, 2:05 PM');
    for (const part of [mail.text, mail.html]) expect(part).not.toContain('Internal: she ordered');
    expect(mail.html).toContain('href="https://chat.example.com/files/f1"');
  });

  it('escapes every interpolated value in the HTML part', () => {
    const mail = transcriptEmail({ lang: 'en', siteName: 'Linen & <Co>', messages: thread, baseUrl: 'https://chat.example.com' });
    expect(mail.html).not.toMatch(/<script>|<b>apron|<Co>/);
    expect(mail.html).toContain('Is the &lt;b&gt;apron&lt;/b&gt; in stock? &quot;Sage&quot; &amp; green');
    expect(mail.html).toContain('Ana &lt;script&gt;');
    expect(mail.html).toContain('apron &quot;sage&quot;.png');
    expect(mail.html).toContain('Yes!<br>Two left.');
    const reply = replyEmail({ lang: 'en', siteName: '<Shop>', agentName: '<img src=x onerror=alert(1)>', body: '<i>hi</i>', link: 'https://x.test/r/a.b?"', expiresAt: at });
    expect(reply.html).not.toMatch(/<img|<i>|<Shop>|\?"/);
    const left = leftMessageEmail({ siteName: 'S', visitorName: '<Léa>', visitorEmail: 'lea@example.com', body: '</blockquote><h1>x', consoleUrl: 'https://x.test/console/conversations/c1' });
    expect(left.html).not.toMatch(/<Léa>|<h1>/);
    expect(left.html).toContain('&lt;Léa&gt;');
  });

  it('speaks French to a French browser: subject, labels and dates', () => {
    expect(emailLanguage('fr-FR')).toBe('fr');
    expect(emailLanguage('en-GB')).toBe('en');
    expect(emailLanguage('')).toBe('en');
    const mail = transcriptEmail({ lang: 'fr', siteName: 'Lin & Cie', messages: thread, baseUrl: 'https://chat.example.com' });
    expect(mail.subject).toBe('Votre conversation avec Lin & Cie');
    expect(mail.text).toContain('Vous\u202f: Is the');
    expect(mail.text).toContain('27 nov. 2026, 14:05');
    expect(mail.text).toContain('Pièce jointe\u202f: apron "sage".png');
    const reply = replyEmail({ lang: 'fr', siteName: 'Lin & Cie', agentName: 'Ana', body: 'Bonjour', link: 'https://x.test/r/a.b', expiresAt: at });
    expect(reply.subject).toBe('Nouvelle réponse de Lin & Cie');
    expect(reply.text).toContain('Reprendre la conversation\u202f: https://x.test/r/a.b');
  });

  it('gives times in the visitor’s time zone and names it; UTC, said so, when the widget never told', () => {
    // 14:05 UTC on 27 November is 15:05 in Paris (winter time) and 09:05 in New York.
    const paris = transcriptEmail({ lang: 'fr', timeZone: 'Europe/Paris', siteName: 'Lin', messages: thread, baseUrl: 'https://chat.example.com' });
    expect(paris.text).toContain('[27 nov. 2026, 15:05] Vous');
    expect(paris.text).toContain('Les heures sont indiquées en heure normale d’Europe centrale.');
    expect(paris.html).toContain('27 nov. 2026, 15:05');
    const york = transcriptEmail({ lang: 'en', timeZone: 'America/New_York', siteName: 'Lin', messages: thread, baseUrl: 'https://chat.example.com' });
    expect(york.text).toContain('[Nov 27, 2026, 9:05 AM] You');
    expect(york.text).toContain('Times are in Eastern Standard Time.');
    const unknown = transcriptEmail({ lang: 'en', siteName: 'Lin', messages: thread, baseUrl: 'https://chat.example.com' });
    expect(unknown.text).toContain('[Nov 27, 2026, 2:05 PM] You');
    expect(unknown.text).toContain('Times are in Coordinated Universal Time.');
    const reply = replyEmail({ lang: 'fr', timeZone: 'Europe/Paris', siteName: 'Lin', agentName: 'Ana', body: 'Bonjour', link: 'https://x.test/r/a.b', expiresAt: at });
    expect(reply.text).toContain('jusqu’au 27 nov. 2026, 15:05 (UTC+1)');
  });

  it('the agents’ email names the visitor and links to the conversation in the console', () => {
    const mail = leftMessageEmail({ siteName: 'Shop', visitorName: 'Léa', visitorEmail: 'lea@example.com', body: 'Restock?', consoleUrl: 'https://x.test/console/conversations/c1' });
    expect(mail.subject).toBe('New message from Léa on Shop');
    expect(mail.text).toContain('Léa <lea@example.com> left a message on Shop:\n\nRestock?');
    expect(mail.html).toContain('href="https://x.test/console/conversations/c1"');
  });

  it('the refused-link page says why, in the visitor’s language', () => {
    expect(linkRefusedPage('en', 'used')).toContain('already been used');
    expect(linkRefusedPage('fr', 'expired')).toContain('a expiré');
  });
});
