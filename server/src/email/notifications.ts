/**
 * What Causette emails, and when: a transcript on the visitor's request; the visitor, when an agent replies after
 * they left (once until they come back, with a link that resumes the chat); the agents, when a message is left.
 * Sending never blocks or breaks a chat: failures are logged (a transcript request is told).
 */
import type { Message } from '@causette/shared';
import type { FileLinks } from '../attachments/links.js';
import type { Bus } from '../bus/bus.js';
import type { EmailConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import type { SessionRecord, SiteWithSecret, Store } from '../store/store.js';
import type { Mailer } from './mailer.js';
import type { ResumeLinks } from './resume-links.js';
import { emailLanguage, leftMessageEmail, replyEmail, transcriptEmail, type EmailLanguage } from './templates.js';

interface Log {
  warn(obj: object, msg: string): void;
}
type ConversationRef = { id: string; visitorId: string; siteId: string; teamId: string | null };

const TRANSCRIPT_PAGE = 500;

export class EmailService {
  /** The server's own URL once it listens, for links when CAUSETTE_PUBLIC_URL is unset. */
  ownUrl = 'http://localhost:3000';
  log: Log = { warn() {} };
  /** This process's timers for the reply emails it scheduled (the poll catches those of a process that stopped). */
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private poll: ReturnType<typeof setInterval> | undefined;
  private sweeping: Promise<void> | null = null;
  private sweepAgain = false;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly mailer: Mailer | null,
    readonly links: ResumeLinks,
    private readonly config: Pick<EmailConfig, 'publicUrl' | 'replyDelayMs' | 'fileLinkTtlHours'>,
    private readonly fileLinks: FileLinks,
  ) {}

  get enabled(): boolean {
    return this.mailer !== null;
  }

  /**
   * At start: say in the log what will not work (an SMTP server that refuses us, links that would name
   * localhost), instead of failing on the first email.
   */
  async selfCheck(): Promise<void> {
    if (!this.mailer) return;
    if (!this.config.publicUrl) this.log.warn({ base: this.ownUrl }, `CAUSETTE_PUBLIC_URL is not set: links in emails will start with ${this.ownUrl}`);
    try {
      await this.mailer.verify();
    } catch (err) {
      this.log.warn({ err }, 'the SMTP server (CAUSETTE_SMTP_URL) cannot be used: emails will fail');
    }
  }

  baseUrl(): string {
    return this.config.publicUrl ?? this.ownUrl;
  }

  /* ----- transcript ----- */

  async transcript(who: { visitorId: string; siteId: string }, input: { conversationId: string; email?: string | undefined }): Promise<{ sentTo: string }> {
    if (!this.mailer) throw new DomainError('unavailable', 'Email is not set up on this server, so the transcript cannot be sent.');
    const conv = await this.store.conversations.byId(input.conversationId);
    if (!conv || conv.visitorId !== who.visitorId) throw new DomainError('not_found', 'No such conversation.');
    const visitor = await this.store.visitors.byId(who.visitorId);
    const to = input.email ?? visitor?.email ?? null;
    if (!to) throw new DomainError('bad_request', 'Give an email address to send the transcript to.');
    const messages: Message[] = [];
    for (let after = 0; ; ) {
      const page = await this.store.messages.after(conv.id, after, TRANSCRIPT_PAGE, { includeNotes: false });
      messages.push(...page);
      if (page.length < TRANSCRIPT_PAGE) break;
      after = page.at(-1)!.seq;
    }
    const [site, session] = await Promise.all([this.store.sites.byId(conv.siteId), this.store.sessions.latest(who.visitorId)]);
    // Files behind links that stop working after a while: an email is forwarded, archived and read by others.
    const signed = messages.map((m) => this.fileLinks.message(m, this.config.fileLinkTtlHours * 3_600_000));
    const email = transcriptEmail({ ...readerOf(site, session), siteName: site?.name ?? '', messages: signed, baseUrl: this.baseUrl() });
    try {
      await this.mailer.send({ to, ...email });
    } catch (err) {
      this.log.warn({ err }, 'transcript email failed');
      throw new DomainError('unavailable', 'The transcript could not be sent just now; try again in a few minutes.');
    }
    return { sentTo: to };
  }

  /* ----- the visitor, when an agent replies after they left ----- */

  /**
   * An agent wrote to the visitor. After a short delay (a visitor changing page reconnects within it) a visitor
   * with no connection left and a known address gets one email, until they come back. The due time is stored,
   * so a process that stops before it loses nothing: another, or this one restarted, sends it.
   */
  agentReplied(conv: ConversationRef): void {
    if (!this.mailer || this.pending.has(conv.id)) return;
    const delay = this.config.replyDelayMs;
    this.track(this.store.conversations.scheduleReplyEmail(conv.id, Date.now() + delay).catch((err) => this.log.warn({ err }, 'reply email not scheduled')));
    const timer = setTimeout(() => {
      this.pending.delete(conv.id);
      this.sendDue();
    }, delay);
    timer.unref?.();
    this.pending.set(conv.id, timer);
  }

  /** Every `intervalMs`, the reply emails that are due, whichever process scheduled them. */
  start(intervalMs: number): void {
    if (!this.mailer) return;
    this.poll = setInterval(() => this.sendDue(), intervalMs);
    this.poll.unref?.();
  }

  /** Decides on every reply email due now; each is taken by one process only. Resolves when done. */
  sendDue(): Promise<void> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    const run = async () => {
      do {
        this.sweepAgain = false;
        const now = Date.now();
        for (const id of await this.store.conversations.dueReplyEmails(now, 100)) {
          if (!(await this.store.conversations.takeReplyEmail(id, now))) continue;
          await this.notifyReply(id).catch((err) => this.log.warn({ err }, 'reply email failed'));
        }
      } while (this.sweepAgain);
    };
    this.sweeping = run()
      .catch((err) => this.log.warn({ err }, 'reply emails not sent'))
      .finally(() => (this.sweeping = null));
    this.track(this.sweeping);
    return this.sweeping;
  }

  /** The decision once the delay is over; true when an email went out. */
  async notifyReply(conversationId: string): Promise<boolean> {
    if (!this.mailer) return false;
    const conv = await this.store.conversations.byId(conversationId);
    if (!conv || conv.visitorNotifiedAt !== null) return false;
    if (await this.bus.presence.isOnline(conv.visitorId)) return false;
    const visitor = await this.store.visitors.byId(conv.visitorId);
    if (!visitor?.email) return false;
    // Every answer the visitor has not seen (a reply often comes in several lines); none left (read on another
    // device in the meantime, say): no email.
    const recent = await this.store.messages.latest(conv.id, 20, { includeNotes: false });
    const seen = Math.max(conv.visitorReadSeq, conv.visitorDeliveredSeq, ...recent.filter((m) => m.author === 'visitor').map((m) => m.seq));
    const answers = recent.filter((m) => m.seq > seen && (m.author === 'agent' || m.author === 'bot') && m.kind !== 'event');
    if (!answers.length) return false;
    if (!(await this.store.conversations.claimVisitorNotified(conv.id, Date.now()))) return false;
    try {
      const [site, session, link] = await Promise.all([
        this.store.sites.byId(conv.siteId),
        this.store.sessions.latest(conv.visitorId),
        this.links.issue(conv.visitorId, conv.id),
      ]);
      const quoted = answers.slice(-5);
      const email = replyEmail({
        ...readerOf(site, session),
        siteName: site?.name ?? '',
        agentName: quoted.at(-1)!.authorName ?? site?.name ?? '',
        body: quoted.map((m) => m.body).join('\n\n'),
        link: `${this.baseUrl()}/r/${link.token}`,
        expiresAt: link.expiresAt,
      });
      await this.mailer.send({ to: visitor.email, ...email });
      return true;
    } catch (err) {
      // Not sent: the next reply may try again.
      await this.store.conversations.setVisitorNotified(conv.id, null);
      throw err;
    }
  }

  /** The visitor has a connection again: later replies may be emailed again once they leave. */
  async visitorBack(visitorId: string): Promise<void> {
    if (!this.mailer) return;
    await this.store.conversations.clearVisitorNotifiedFor(visitorId);
  }

  /* ----- agents, when a message is left ----- */

  /** A visitor left a message while nobody was online: the agents who can see it get an email each. */
  messageLeft(conv: ConversationRef, message: Message): void {
    if (!this.mailer) return;
    this.track(this.notifyAgents(conv, message).catch((err) => this.log.warn({ err }, 'left-message email failed')));
  }

  async notifyAgents(conv: ConversationRef, message: Message): Promise<number> {
    if (!this.mailer) return 0;
    const [site, visitor, team, agents] = await Promise.all([
      this.store.sites.byId(conv.siteId),
      this.store.visitors.byId(conv.visitorId),
      conv.teamId ? this.store.teams.byId(conv.teamId) : null,
      this.store.agents.list(),
    ]);
    const sees = team
      ? (a: { id: string }) => team.memberIds.includes(a.id)
      : (a: { role: string; siteIds: string[] }) => a.role === 'admin' || a.siteIds.includes(conv.siteId);
    const recipients = agents.filter((a) => !a.disabled && a.role !== 'marketer' && sees(a));
    const email = leftMessageEmail({
      siteName: site?.name ?? '',
      visitorName: visitor?.name ?? null,
      visitorEmail: visitor?.email ?? null,
      body: message.body,
      consoleUrl: `${this.baseUrl()}/console/conversations/${conv.id}`,
    });
    let sent = 0;
    for (const agent of recipients) {
      try {
        await this.mailer.send({ to: agent.email, ...email });
        sent++;
      } catch (err) {
        this.log.warn({ err, agentId: agent.id }, 'left-message email failed');
      }
    }
    return sent;
  }

  /* ----- resume links ----- */

  /**
   * Where `GET /r/:token` sends a valid link: the visitor's last page when it is on one of the site's origins,
   * else the site's first web origin, else (origin `self`) this server's demo shop.
   */
  async resumeTarget(token: string, serverHost: string | undefined): Promise<{ ok: true; url: string } | { ok: false; reason: 'invalid' | 'expired' | 'used' }> {
    const checked = await this.links.check(token);
    if (!checked.ok) return checked;
    const visitor = await this.store.visitors.byId(checked.payload.v);
    const site = visitor ? await this.store.sites.byId(visitor.siteId) : null;
    if (!visitor || !site) return { ok: false, reason: 'invalid' };
    const session = await this.store.sessions.latest(visitor.id);
    const last = session ? (await this.store.sessions.pageViews(session.id, 1)).at(-1)?.url : undefined;
    const page = last && onSite(site, last, serverHost) ? last : fallbackPage(site, this.baseUrl());
    const url = new URL(page);
    url.hash = `causette-resume=${token}`;
    return { ok: true, url: url.href };
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Stop pending decisions and wait for emails on their way (shutdown). */
  async close(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    clearInterval(this.poll);
    // A few seconds for emails on their way, no more: a stuck SMTP server must not hold up a shutdown.
    const grace = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    this.mailer?.close();
  }
}

/** An http(s) URL on one of the site's origins (`self`: this server's host). */
function onSite(site: SiteWithSecret, url: string, serverHost: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return site.allowedOrigins.some((o) => (o === 'self' ? serverHost !== undefined && u.host === serverHost : o === u.origin));
}

function fallbackPage(site: SiteWithSecret, base: string): string {
  const web = site.allowedOrigins.find((o) => /^https?:\/\//.test(o));
  return web ? `${web}/` : `${base}/`;
}

/**
 * The language and time zone the visitor reads in: a language the shop chose for them (its page's script, then
 * the site's setting), else their browser's (the page's own `lang` is the shop's default, not the person's); the
 * time zone the widget reported (UTC until it does).
 */
function readerOf(site: { settings: { language?: string | undefined } } | null, session: SessionRecord | null): { lang: EmailLanguage; timeZone: string } {
  return { lang: emailLanguage(session?.widgetLanguage || site?.settings.language || session?.language), timeZone: session?.timeZone || 'UTC' };
}
