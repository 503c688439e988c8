/**
 * The emails Causette sends, as plain text and HTML. Pure functions: every value that comes from a person
 * (names, messages, file names, the site's name) is HTML-escaped in the HTML part.
 */
import type { Message } from '@causette/shared';
import type { OutgoingEmail } from './mailer.js';

export type EmailLanguage = 'en' | 'fr';
type Rendered = Omit<OutgoingEmail, 'to'>;

/** French for a French browser, English otherwise. */
export function emailLanguage(tag: string | null | undefined): EmailLanguage {
  return /^fr\b/i.test(tag ?? '') ? 'fr' : 'en';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const strings = {
  en: {
    transcriptSubject: (site: string) => `Your chat with ${site}`,
    transcriptIntro: (site: string) => `Here is the transcript of your chat with ${site}.`,
    you: 'You',
    agent: 'Agent',
    info: 'Info',
    attachment: 'Attachment',
    noMessages: 'This chat has no messages yet.',
    timesIn: (zone: string) => `Times are in ${zone}.`,
    colon: ': ',
    replySubject: (site: string) => `New reply from ${site}`,
    replyIntro: (agent: string, site: string) => `${agent} from ${site} replied to your chat:`,
    replyAction: 'Continue the chat',
    replyExpires: (when: string) => `This link works once, until ${when}, on any device.`,
  },
  fr: {
    transcriptSubject: (site: string) => `Votre conversation avec ${site}`,
    transcriptIntro: (site: string) => `Voici la transcription de votre conversation avec ${site}.`,
    you: 'Vous',
    agent: 'Conseiller',
    info: 'Info',
    attachment: 'Pièce jointe',
    noMessages: 'Cette conversation ne contient pas encore de message.',
    timesIn: (zone: string) => `Les heures sont indiquées en ${zone}.`,
    // French typography: a (narrow no-break) space before the colon.
    colon: '\u202f: ',
    replySubject: (site: string) => `Nouvelle réponse de ${site}`,
    replyIntro: (agent: string, site: string) => `${agent} (${site}) a répondu à votre message\u202f:`,
    replyAction: 'Reprendre la conversation',
    replyExpires: (when: string) => `Ce lien fonctionne une seule fois, jusqu’au ${when}, sur n’importe quel appareil.`,
  },
} satisfies Record<EmailLanguage, unknown>;

/** A date and time in the reader's language and time zone (an IANA name; UTC when unknown). */
const dateTime = (lang: EmailLanguage, at: number, timeZone = 'UTC') => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
/** The time zone's name as the reader says it ("Central European Standard Time", "heure normale d’Europe centrale"). */
const zoneName = (lang: EmailLanguage, at: number, timeZone = 'UTC', style: 'long' | 'short' = 'long') =>
  new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
const paragraphs = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function page(lang: EmailLanguage, inner: string): string {
  return `<!doctype html><html lang="${lang}"><body style="font-family:system-ui,sans-serif;color:#1f2328;line-height:1.5;max-width:640px">${inner}</body></html>`;
}

/** The conversation as the visitor saw it: messages and events, never internal notes. */
export function transcriptEmail(input: { lang: EmailLanguage; timeZone?: string; siteName: string; messages: Message[]; baseUrl: string }): Rendered {
  const t = strings[input.lang];
  const when = (at: number) => dateTime(input.lang, at, input.timeZone);
  const timesIn = t.timesIn(zoneName(input.lang, input.messages.at(-1)?.createdAt ?? 0, input.timeZone));
  const shown = input.messages.filter((m) => m.kind !== 'note');
  const label = (m: Message) =>
    m.author === 'visitor' ? t.you : m.author === 'system' || m.kind === 'event' ? t.info : (m.authorName ?? (m.author === 'bot' ? 'Bot' : t.agent));
  const fileOf = (m: Message) => (m.attachment ? { name: m.attachment.name, url: new URL(m.attachment.url, `${input.baseUrl}/`).href } : null);
  const text = [
    t.transcriptIntro(input.siteName),
    '',
    ...(shown.length ? [] : [t.noMessages]),
    ...shown.flatMap((m) => {
      const file = fileOf(m);
      return [`[${when(m.createdAt)}] ${label(m)}${t.colon}${m.body}`, ...(file ? [`  ${t.attachment}${t.colon}${file.name} <${file.url}>`] : []), ''];
    }),
    timesIn,
  ].join('\n');
  const rows = shown
    .map((m) => {
      const file = fileOf(m);
      return (
        `<tr><td style="vertical-align:top;white-space:nowrap;color:#57606a;padding:4px 12px 4px 0">${escapeHtml(when(m.createdAt))}</td>` +
        `<td style="padding:4px 0"><strong>${escapeHtml(label(m))}</strong><br>${paragraphs(m.body)}` +
        (file ? `<br>${escapeHtml(t.attachment + t.colon)}<a href="${escapeHtml(file.url)}">${escapeHtml(file.name)}</a>` : '') +
        `</td></tr>`
      );
    })
    .join('');
  const html = page(
    input.lang,
    `<p>${escapeHtml(t.transcriptIntro(input.siteName))}</p>` +
      (shown.length ? `<table style="border-collapse:collapse">${rows}</table>` : `<p>${escapeHtml(t.noMessages)}</p>`) +
      `<p style="color:#57606a;font-size:small">${escapeHtml(timesIn)}</p>`,
  );
  return { subject: t.transcriptSubject(input.siteName), text, html };
}

/** An agent answered while the visitor was away: the reply and a link back into the same chat. */
export function replyEmail(input: { lang: EmailLanguage; timeZone?: string; siteName: string; agentName: string; body: string; link: string; expiresAt: number }): Rendered {
  const t = strings[input.lang];
  const expires = t.replyExpires(`${dateTime(input.lang, input.expiresAt, input.timeZone)} (${zoneName(input.lang, input.expiresAt, input.timeZone, 'short')})`);
  const text = [t.replyIntro(input.agentName, input.siteName), '', input.body, '', `${t.replyAction}${t.colon}${input.link}`, '', expires].join('\n');
  const html = page(
    input.lang,
    `<p>${escapeHtml(t.replyIntro(input.agentName, input.siteName))}</p>` +
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d0d7de">${paragraphs(input.body)}</blockquote>` +
      `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:8px 16px;background:#0969da;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t.replyAction)}</a></p>` +
      `<p style="color:#57606a;font-size:small">${escapeHtml(expires)}</p>`,
  );
  return { subject: t.replySubject(input.siteName), text, html };
}

/** Agents: a message was left while nobody was online (the console speaks English by default). */
export function leftMessageEmail(input: { siteName: string; visitorName: string | null; visitorEmail: string | null; body: string; consoleUrl: string }): Rendered {
  const who = input.visitorName ?? input.visitorEmail ?? 'A visitor';
  const from = input.visitorEmail && input.visitorName ? `${input.visitorName} <${input.visitorEmail}>` : who;
  const text = [`${from} left a message on ${input.siteName}:`, '', input.body, '', `Answer it in the console: ${input.consoleUrl}`].join('\n');
  const html = page(
    'en',
    `<p><strong>${escapeHtml(who)}</strong>${input.visitorEmail && input.visitorName ? ` &lt;${escapeHtml(input.visitorEmail)}&gt;` : ''} left a message on ${escapeHtml(input.siteName)}:</p>` +
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d0d7de">${paragraphs(input.body)}</blockquote>` +
      `<p><a href="${escapeHtml(input.consoleUrl)}">Answer it in the console</a></p>`,
  );
  return { subject: `New message from ${who} on ${input.siteName}`, text, html };
}

/** The page `GET /r/:token` shows for a link that no longer works (no redirect). */
export function linkRefusedPage(lang: EmailLanguage, reason: 'invalid' | 'expired' | 'used'): string {
  const text = {
    en: {
      title: 'This link no longer works',
      invalid: 'This chat link is not valid. Check that it was copied whole.',
      expired: 'This chat link has expired.',
      used: 'This chat link has already been used. Each link works once.',
      after: 'Open the chat on the shop’s site to write to us again.',
    },
    fr: {
      title: 'Ce lien ne fonctionne plus',
      invalid: 'Ce lien de conversation n’est pas valide. Vérifiez qu’il a été copié en entier.',
      expired: 'Ce lien de conversation a expiré.',
      used: 'Ce lien de conversation a déjà été utilisé. Chaque lien ne fonctionne qu’une fois.',
      after: 'Ouvrez la conversation sur le site de la boutique pour nous écrire à nouveau.',
    },
  }[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(text.title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2328"><h1 style="font-size:1.4rem">${escapeHtml(text.title)}</h1><p data-reason="${reason}">${escapeHtml(text[reason])}</p><p>${escapeHtml(text.after)}</p></body></html>`;
}
