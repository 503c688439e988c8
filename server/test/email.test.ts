/**
 * Email against a real SMTP server on loopback (smtp-server, in this process) and the real app: what a visitor
 * and the agents receive, and the resume link that brings a visitor back to the same chat from another device.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ack, agentSocket, closeAllSockets, connected, login, startServer, type Running } from './support/harness.js';
import { startSmtp, type Inbox } from './support/smtp.js';
import { VisitorTokens } from '../src/domain/visitor-tokens.js';
import { ResumeLinks, ResumeLinkSigner, resumeLinkKey } from '../src/email/resume-links.js';

const REPLY_DELAY_MS = 300;
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let smtp: Inbox;
let server: Running;
let cookie: string;
const sockets: Socket[] = [];

/** A browser's widget: its own language, optionally a stored token or a resume link's token. */
async function visitor(auth: { token?: string; resume?: string } = {}, language = 'en-GB') {
  const s = io(`${server.base}/visitor`, {
    transports: ['websocket'],
    auth: { siteKey: 'demo', ...auth },
    extraHeaders: { origin: server.base, 'accept-language': language },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(s);
  await connected(s);
  const resume = await ack(s, 'session:resume', {});
  expect(resume.ok).toBe(true);
  // The widget offers the transcript by email: this server can send it.
  expect(resume.site.email).toBe(true);
  return { socket: s, ...(resume as { token: string; visitorId: string; conversation: { id: string } | null; messages: Array<{ author: string; body: string }> }) };
}
async function agent() {
  const s = agentSocket(server.base, cookie);
  await connected(s);
  return s;
}
async function leave(socket: Socket) {
  socket.disconnect();
  // The server sees the close and updates presence.
  await sleep(100);
}

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({
    CAUSETTE_SMTP_URL: smtp.url,
    CAUSETTE_MAIL_FROM: 'Demo shop <chat@shop.example>',
    CAUSETTE_REPLY_EMAIL_DELAY_MS: String(REPLY_DELAY_MS),
  });
  cookie = await login(server.base);
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
});
afterEach(() => {
  while (sockets.length) sockets.pop()!.disconnect();
  closeAllSockets();
});

describe('transcript on request', () => {
  it('follows the language the shop’s page chose and the visitor’s time zone, not the browser’s language or UTC', async () => {
    // An English browser, in Toronto, to whom the shop's script gave French; the widget reports both with session:resume.
    const v = await visitor({}, 'en-US');
    expect((await ack(v.socket, 'session:resume', { language: 'fr-CA', timeZone: 'America/Toronto' })).ok).toBe(true);
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Livrez-vous à Toronto ?' });
    expect((await ack(v.socket, 'transcript:request', { conversationId: sent.conversation.id, email: 'marc@example.com' })).ok).toBe(true);
    const mail = await smtp.waitFor('to marc@example.com', (m) => m.to.includes('marc@example.com'));
    const at = sent.message.createdAt as number;
    const inToronto = new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }).format(at);
    const zone = new Intl.DateTimeFormat('fr', { timeZone: 'America/Toronto', timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
    expect(mail.subject).toBe('Votre conversation avec Demo shop');
    expect(mail.text).toContain(`[${inToronto}] Vous\u202f: Livrez-vous à Toronto ?`);
    expect(mail.text).toContain(`Les heures sont indiquées en ${zone}.`);
    expect(zone).not.toMatch(/UTC|universel/);

    // A time zone the server does not know is ignored: times in UTC, and the email says so.
    const w = await visitor({}, 'en-GB');
    await ack(w.socket, 'session:resume', { timeZone: 'Mars/Olympus_Mons' });
    const other = await ack(w.socket, 'message:send', { clientId: cid(), body: 'Hello' });
    expect((await ack(w.socket, 'transcript:request', { conversationId: other.conversation.id, email: 'ian@example.com' })).ok).toBe(true);
    const utc = await smtp.waitFor('to ian@example.com', (m) => m.to.includes('ian@example.com'));
    expect(utc.text).toContain('Times are in Coordinated Universal Time.');
  });

  it('links the files of the transcript with signed links that work for 7 days, not their bare address', async () => {
    const v = await visitor();
    const upload = await fetch(`${server.base}/files/visitor?site=demo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, origin: server.base, 'x-file-name': 'receipt.txt' },
      body: 'receipt 5521\n',
    });
    const { attachment } = (await upload.json()) as { attachment: { id: string } };
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'receipt.txt', attachmentId: attachment.id });
    expect((await ack(v.socket, 'transcript:request', { conversationId: sent.conversation.id, email: 'files@example.com' })).ok).toBe(true);
    const mail = await smtp.waitFor('to files@example.com', (m) => m.to.includes('files@example.com'));
    const link = new RegExp(`${server.base}/files/${attachment.id}\\?e=(\\d+)&s=[\\w-]+`);
    const [url, expires] = link.exec(mail.text) ?? [];
    expect(url, mail.text).toBeDefined();
    expect(mail.html).toContain(url!.replace('&', '&amp;'));
    expect(Number(expires) * 1000 - Date.now()).toBeGreaterThanOrEqual(7 * 24 * 3_600_000);
    expect(Number(expires) * 1000 - Date.now()).toBeLessThanOrEqual(7 * 24 * 3_600_000 + 3_600_000);
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('receipt 5521\n');
  });

  it('emails the conversation (no internal notes) in the visitor’s language, to the address given; refuses what it should', async () => {
    const v = await visitor({}, 'fr-FR,fr;q=0.9');
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Bonjour, le tablier <lin> existe en vert ?' });
    expect(sent.ok).toBe(true);
    const conversationId = sent.conversation.id as string;
    const a = await agent();
    expect((await ack(a, 'message:send', { conversationId, clientId: cid(), body: 'Note: cliente fidèle', kind: 'note' })).ok).toBe(true);
    expect((await ack(a, 'message:send', { conversationId, clientId: cid(), body: 'Oui, en vert sauge.' })).ok).toBe(true);

    const r = await ack(v.socket, 'transcript:request', { conversationId, email: 'lea@example.com' });
    expect(r).toEqual({ ok: true, sentTo: 'lea@example.com' });
    const mail = await smtp.waitFor('to lea@example.com', (m) => m.to.includes('lea@example.com'));
    expect(mail.from).toBe('chat@shop.example');
    expect(mail.subject).toBe('Votre conversation avec Demo shop');
    expect(mail.text).toContain('Vous\u202f: Bonjour, le tablier <lin> existe en vert ?');
    expect(mail.text).toMatch(/Admin\u202f: Oui, en vert sauge\./);
    expect(mail.text).not.toContain('cliente fidèle');
    expect(mail.html).toContain('le tablier &lt;lin&gt;');
    expect(mail.html).not.toContain('cliente fidèle');

    // No address given and none known; someone else's conversation; a bad address; then the limit (3 per 10 minutes).
    const none = await ack(v.socket, 'transcript:request', { conversationId });
    expect(none.ok).toBe(false);
    expect(none.error.code).toBe('bad_request');
    const other = await visitor();
    const theirs = await ack(other.socket, 'transcript:request', { conversationId, email: 'thief@example.com' });
    expect(theirs.error.code).toBe('not_found');
    const bad = await ack(v.socket, 'transcript:request', { conversationId, email: 'not an address' });
    expect(bad.error.code).toBe('bad_request');
    // A refused payload costs nothing; the third transcript goes out, the fourth is one too many.
    expect((await ack(v.socket, 'transcript:request', { conversationId, email: 'lea@example.com' })).ok).toBe(true);
    const limited = await ack(v.socket, 'transcript:request', { conversationId, email: 'lea@example.com' });
    expect(limited.error.code).toBe('rate_limited');
    await smtp.waitFor('a second transcript', () => smtp.mails.filter((m) => m.to.includes('lea@example.com')).length === 2);
    expect(smtp.mails.filter((m) => m.to.includes('thief@example.com'))).toHaveLength(0);
  });
});

describe('a left message, the reply email and the resume link', () => {
  it('agents are emailed; the visitor gets one email per absence with a link that resumes the chat once, on another device', async () => {
    // Who may see a left message: admins and the site's agents; not a disabled agent, a marketer, or an agent of no site.
    const api = (method: string, path: string, body: object) =>
      fetch(`${server.base}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
        expect(r.status, await r.clone().text()).toBeLessThan(300);
        return (await r.json()) as { id: string };
      });
    const password = 'a-long-enough-password';
    await api('POST', '/api/agents', { email: 'ana@shop.example', name: 'Ana', password });
    const dan = await api('POST', '/api/agents', { email: 'dan@shop.example', name: 'Dan', password });
    await api('PATCH', `/api/agents/${dan.id}`, { disabled: true });
    await api('POST', '/api/agents', { email: 'mia@shop.example', name: 'Mia', password, role: 'marketer' });
    await api('POST', '/api/agents', { email: 'eve@shop.example', name: 'Eve', password, siteIds: [] });

    const email = 'tom.visitor@example.com';
    const question = 'Do you ship to Belgium? <3';
    const tom = await visitor({}, 'en-US');
    tom.socket.emit('page:view', { url: `${server.base}/demo/products/tote.html`, title: 'Tote', referrer: '' });
    const left = await ack(tom.socket, 'message:leave', { clientId: cid(), email, name: 'Tom', body: question });
    expect(left.ok).toBe(true);
    const conversationId = left.conversation.id as string;

    // The agents who can see it (here the admin) are told, with a link to the conversation in the console.
    const toAgent = await smtp.waitFor(`to ${ADMIN.email}`, (m) => m.to.includes(ADMIN.email));
    expect(toAgent.subject).toBe('New message from Tom on Demo shop');
    expect(toAgent.text).toContain(`Tom <${email}> left a message on Demo shop:`);
    expect(toAgent.text).toContain(question);
    expect(toAgent.text).toContain(`${server.base}/console/conversations/${conversationId}`);
    expect(toAgent.html).toContain('Do you ship to Belgium? &lt;3');
    await smtp.waitFor('to ana@shop.example', (m) => m.to.includes('ana@shop.example'));
    const agentMails = () => smtp.mails.filter((m) => m.subject === toAgent.subject).flatMap((m) => m.to);

    // A reply while Tom is still here: no email.
    const a = await agent();
    const early = await ack(a, 'message:send', { conversationId, clientId: cid(), body: 'Looking into it.' });
    expect(early.ok).toBe(true);
    // Tom's device received it, as the widget says.
    expect((await ack(tom.socket, 'message:delivered', { conversationId, seq: early.seq })).ok).toBe(true);
    await sleep(REPLY_DELAY_MS + 400);
    expect(smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(0);
    // One email each, to no one else.
    expect(agentMails().sort()).toEqual([ADMIN.email, 'ana@shop.example']);

    // Tom leaves; the agent answers in two lines: one email, quoting both (not what Tom had seen), with a link.
    await leave(tom.socket);
    const answer = 'Yes, we ship to Belgium in 2 days.';
    expect((await ack(a, 'message:send', { conversationId, clientId: cid(), body: answer })).ok).toBe(true);
    expect((await ack(a, 'message:send', { conversationId, clientId: cid(), body: 'Shipping is free over 50 €.' })).ok).toBe(true);
    const mail = await smtp.waitFor(`to ${email}`, (m) => m.to.includes(email));
    expect(mail.subject).toBe('New reply from Demo shop');
    expect(mail.text).toContain(`${answer}\n\nShipping is free over 50 €.`);
    expect(mail.text).not.toContain('Looking into it.');
    const link = /(http:\/\/\S+\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeDefined();
    expect(link!.startsWith(`${server.base}/r/`)).toBe(true);
    expect((await ack(a, 'message:send', { conversationId, clientId: cid(), body: 'Anything else?' })).ok).toBe(true);
    await sleep(REPLY_DELAY_MS + 500);
    expect(smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(1);

    // Opening the link checks it without spending it, and sends the browser to Tom's last page with the token.
    for (let i = 0; i < 2; i++) {
      const opened = await fetch(link!, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      const token = link!.split('/r/')[1]!;
      expect(opened.headers.get('location')).toBe(`${server.base}/demo/products/tote.html#causette-resume=${token}`);
    }
    const token = link!.split('/r/')[1]!;

    // Another device (no stored token): the handshake spends the link and this browser is Tom, in the same chat.
    const phone = await visitor({ resume: token });
    expect(phone.visitorId).toBe(tom.visitorId);
    expect(phone.conversation?.id).toBe(conversationId);
    expect(phone.messages.map((m) => m.body)).toEqual(expect.arrayContaining([question, answer, 'Anything else?']));

    // Spent: the link now shows a page saying so, and a handshake with it is just a new visitor.
    const again = await fetch(link!, { redirect: 'manual' });
    expect(again.status).toBe(410);
    expect(again.headers.get('location')).toBeNull();
    expect(await again.text()).toContain('already been used');
    const stranger = await visitor({ resume: token });
    expect(stranger.visitorId).not.toBe(tom.visitorId);
    expect(stranger.conversation).toBeNull();

    // Tom came back (his phone received everything), so after he leaves again the next reply is emailed again.
    const lastSeq = (phone.conversation as { lastSeq: number } | null)!.lastSeq;
    expect((await ack(phone.socket, 'message:delivered', { conversationId, seq: lastSeq })).ok).toBe(true);
    await leave(phone.socket);
    expect((await ack(a, 'message:send', { conversationId, clientId: cid(), body: 'Your parcel left today.' })).ok).toBe(true);
    const second = await smtp.waitFor('a second email after Tom came back and left', (m) => m.to.includes(email) && m.text.includes('Your parcel left today.'));
    expect(second.text).not.toContain('Anything else?');
    expect(smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(2);
  });

  it('an anonymous visitor (no address known) who left gets no email', async () => {
    const anon = await visitor();
    const sent = await ack(anon.socket, 'message:send', { clientId: cid(), body: 'Just browsing, quick question' });
    await leave(anon.socket);
    const before = smtp.mails.length;
    const a = await agent();
    expect((await ack(a, 'message:send', { conversationId: sent.conversation.id, clientId: cid(), body: 'Happy to help!' })).ok).toBe(true);
    await sleep(REPLY_DELAY_MS + 500);
    expect(smtp.mails.slice(before)).toEqual([]);
  });

  it('an expired link shows a page saying so, and a handshake with it is a new visitor', async () => {
    const { store } = server.app.services;
    const secret = await store.metaGetOrInit('visitor_token_secret', () => 'unused');
    const v = await visitor();
    const conv = (await store.conversations.openOrCreate((await store.visitors.byId(v.visitorId))!.siteId, v.visitorId, Date.now())).conversation;
    // Issued eight days ago, valid for seven.
    const old = new ResumeLinks(store, new ResumeLinkSigner(resumeLinkKey(secret)), new VisitorTokens(secret, 0), 7 * 24 * 3_600_000, () => Date.now() - 8 * 24 * 3_600_000);
    const { token } = await old.issue(v.visitorId, conv.id);
    const res = await fetch(`${server.base}/r/${token}`, { redirect: 'manual' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('has expired');
    const other = await visitor({ resume: token });
    expect(other.visitorId).not.toBe(v.visitorId);
  });

  it('a forged or tampered link shows a page and redirects nowhere', async () => {
    for (const path of ['/r/not-a-token', '/r/eyJsIjoieCJ9.AAAA', `/r/${'a'.repeat(2000)}.b`]) {
      const res = await fetch(`${server.base}${path}`, { redirect: 'manual', headers: { 'accept-language': 'fr-FR' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('n’est pas valide');
    }
  });
});

describe('a reply email across a restart', () => {
  it('a reply scheduled by a process that stopped before the delay is sent once by the next one on the same database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'causette-restart-'));
    const env = { DATA_DIR: dataDir, CAUSETTE_SMTP_URL: smtp.url, CAUSETTE_REPLY_EMAIL_DELAY_MS: '3000', CAUSETTE_SWEEP_MS: '200' };
    const email = 'zoe.restart@example.com';
    const first = await startServer(env);
    try {
      const zoe = io(`${first.base}/visitor`, { transports: ['websocket'], auth: { siteKey: 'demo' }, extraHeaders: { origin: first.base }, reconnection: false, forceNew: true });
      sockets.push(zoe);
      await connected(zoe);
      const left = await ack(zoe, 'message:leave', { clientId: cid(), email, body: 'Is the green tote back?' });
      await leave(zoe);
      const a = agentSocket(first.base, await login(first.base));
      await connected(a);
      expect((await ack(a, 'message:send', { conversationId: left.conversation.id, clientId: cid(), body: 'Back in stock tomorrow!' })).ok).toBe(true);
      a.disconnect();
    } finally {
      // Stopped (a deploy) well before the 3 s are over: this process never sends it.
      await first.stop();
    }
    expect(smtp.mails.filter((m) => m.to.includes(email))).toEqual([]);
    const second = await startServer(env);
    try {
      const mail = await smtp.waitFor(`the reply email to ${email}`, (m) => m.to.includes(email), 10_000);
      expect(mail.subject).toBe('New reply from Demo shop');
      expect(mail.text).toContain('Back in stock tomorrow!');
      await sleep(800);
      expect(smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(1);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('email off (no CAUSETTE_SMTP_URL)', () => {
  it('the widget is told there is no email, and a transcript request answers unavailable with a clear message', async () => {
    const plain = await startServer();
    try {
      const s = io(`${plain.base}/visitor`, { transports: ['websocket'], auth: { siteKey: 'demo' }, extraHeaders: { origin: plain.base }, reconnection: false, forceNew: true });
      sockets.push(s);
      await connected(s);
      expect((await ack(s, 'session:resume', {})).site.email).toBe(false);
      const sent = await ack(s, 'message:send', { clientId: cid(), body: 'Hello' });
      const r = await ack(s, 'transcript:request', { conversationId: sent.conversation.id, email: 'x@example.com' });
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('unavailable');
      expect(r.error.message).toMatch(/Email is not set up/);
    } finally {
      while (sockets.length) sockets.pop()!.disconnect();
      await plain.stop();
    }
  });
});
