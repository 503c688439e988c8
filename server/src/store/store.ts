/**
 * The store interface the domain talks to. `SqlStore` implements it for SQLite (default) and, with a
 * different Kysely dialect, PostgreSQL. The domain never sees SQL.
 */
import type {
  AuditAction,
  AuditEntry,
  Attachment,
  BusinessHours,
  Rating,
  Agent,
  AgentCard,
  AgentRole,
  AgentStatus,
  CannedResponse,
  Cart,
  ConversationStatus,
  ConversationSummary,
  Message,
  MessageAuthor,
  MessageKind,
  PageView,
  Site,
  SiteSettings,
  Team,
  Trigger,
  TriggerInput,
  TriggerUpdate,
  SecuritySettings,
} from '@causette/shared';

export interface AgentWithSecret extends Agent {
  passwordHash: string;
}
export interface SiteWithSecret extends Site {
  /** HMAC key for identity verification; never sent to browsers. */
  secret: string;
}
/** One sign-in of an agent; `id` is the hash of the cookie's token. */
export interface AuthSessionRecord {
  id: string;
  agentId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  userAgent: string;
  ip: string;
}
export interface VisitorRecord {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  verified: boolean;
  createdAt: number;
  lastSeenAt: number;
}
export interface SessionRecord {
  id: string;
  visitorId: string;
  siteId: string;
  startedAt: number;
  lastSeenAt: number;
  userAgent: string;
  language: string;
  country: string;
  cart: Cart | null;
  /** The visitor's IANA time zone and the language the page's script chose, as the widget reports them ('' until it does). */
  timeZone: string;
  widgetLanguage: string;
}
export interface ConversationRecord {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  /** The team whose queue this is, or null for the site's. */
  teamId: string | null;
  /** When the current assignee got it. */
  assignedAt: number | null;
  /** When the visitor's oldest unanswered message arrived; null once the agent side replied. */
  awaitingSince: number | null;
  lastSeq: number;
  visitorReadSeq: number;
  agentReadSeq: number;
  /** The highest seq that reached an agent's console / one of the visitor's devices. */
  agentDeliveredSeq: number;
  visitorDeliveredSeq: number;
  rating: Rating | null;
  /** Pre-chat custom answers, by field id. */
  fields: Record<string, string>;
  /** When the visitor was last emailed about a reply they had not seen; null: not since. */
  visitorNotifiedAt: number | null;
  createdAt: number;
  updatedAt: number;
}
export interface ImpressionRecord {
  id: string;
  triggerId: string;
  siteId: string;
  visitorId: string;
  sessionId: string;
  variant: string;
  shownAt: number;
  openedAt: number | null;
  dismissedAt: number | null;
  conversationId: string | null;
  convertedAt: number | null;
}
export interface NewMessage {
  clientId: string;
  author: MessageAuthor;
  authorId: string | null;
  authorName: string | null;
  /**
   * When set, `authorName` is ignored and the message is signed with this visitor's label (`visitorLabel`: their
   * name, or a short stable one), read from their row by the insert itself; null if the visitor is gone.
   */
  authorLabelOf?: string;
  kind: MessageKind;
  body: string;
  /** The file a `kind: 'attachment'` message carries (its url is derived from the id). */
  attachment?: Omit<Attachment, 'url'> | null;
}
/** An uploaded file (server/src/attachments): who sent it, and once sent, the conversation and message it went out in. */
export interface AttachmentRecord {
  id: string;
  siteId: string;
  uploader: 'visitor' | 'agent';
  uploaderId: string;
  /** The visitor the file belongs to (theirs, or sent to them): erased with them. */
  visitorId: string | null;
  conversationId: string | null;
  messageId: string | null;
  name: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  createdAt: number;
}
/** The conversation as an append left it, read in the append's own transaction. */
export interface AppendedConversation {
  conversation: ConversationRecord;
  /** Exactly what `conversations.summary(id)` returns right after the append; null where it would (visitor gone). */
  summary: ConversationSummary | null;
  /** The assignee's public card, as the visitor's view shows it; null when unassigned (or the agent is gone). */
  assignee: AgentCard | null;
}
export interface ConversationFilter {
  siteIds: string[];
  status?: ConversationStatus | ConversationStatus[];
  /** An agent id, or null for unassigned; undefined for any. */
  assigneeId?: string | null;
  limit?: number;
}

/** Which audit entries to read: every field narrows; `before` is the last entry of the previous page. */
export interface AuditFilter {
  action?: AuditAction;
  actorId?: string;
  from?: number;
  to?: number;
  /** Free text, case-insensitive, over the actor's and the target's labels. */
  text?: string;
  before?: { at: number; id: string };
}

export interface Store {
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Liveness of the underlying database. */
  ping(): Promise<void>;

  /** Every row of every table, parents before children: for moving an install to another database. */
  exportRows(): AsyncIterable<{ table: string; row: Record<string, unknown> }>;
  /** Insert rows produced by `exportRows` (into an empty store), in one transaction. */
  importRows(rows: AsyncIterable<{ table: string; row: Record<string, unknown> }>): Promise<number>;

  /** Read a setting, or store `fallback()` when absent; racing writers converge on the first value stored. */
  metaGetOrInit(key: string, fallback: () => string): Promise<string>;

  sites: {
    create(input: { name: string; key: string; allowedOrigins: string[]; settings: SiteSettings }): Promise<SiteWithSecret>;
    byKey(key: string): Promise<SiteWithSecret | null>;
    byId(id: string): Promise<SiteWithSecret | null>;
    list(): Promise<SiteWithSecret[]>;
    update(id: string, patch: { name?: string; allowedOrigins?: string[]; settings?: SiteSettings }): Promise<SiteWithSecret | null>;
  };

  agents: {
    create(input: {
      email: string;
      name: string;
      passwordHash: string;
      role: AgentRole;
      capacity: number;
      siteIds: string[];
    }): Promise<Agent>;
    byId(id: string): Promise<AgentWithSecret | null>;
    byEmail(email: string): Promise<AgentWithSecret | null>;
    list(): Promise<Agent[]>;
    count(): Promise<number>;
    update(
      id: string,
      patch: {
        name?: string;
        role?: AgentRole;
        status?: AgentStatus;
        capacity?: number;
        disabled?: boolean;
        passwordHash?: string;
        siteIds?: string[];
      },
    ): Promise<Agent | null>;
  };

  authSessions: {
    create(input: { id: string; agentId: string; expiresAt: number; userAgent?: string; ip?: string; now?: number }): Promise<void>;
    get(id: string): Promise<AuthSessionRecord | null>;
    /** The agent's sign-ins, most recently used first. */
    listForAgent(agentId: string): Promise<AuthSessionRecord[]>;
    /** Record a use at `at`, only when the last recorded one is at least `minGapMs` older (a write a minute at most). */
    touch(id: string, at: number, minGapMs: number): Promise<void>;
    delete(id: string): Promise<void>;
    /** End every sign-in last used before `before` (idle timeout); returns them. */
    deleteIdle(before: number): Promise<Array<{ id: string; agentId: string }>>;
    /** End the agent's sign-ins (all but `exceptId` when given); returns the ids that ended. */
    deleteForAgent(agentId: string, exceptId?: string): Promise<string[]>;
  };

  /** TOTP two-factor sign-in (server/src/domain/two-factor.ts). */
  twoFactor: {
    get(agentId: string): Promise<{ secret: string; enabledAt: number | null; lastStep: number } | null>;
    /** Store a new, unconfirmed secret; false when two-factor is already on for the agent. */
    begin(agentId: string, secret: string, now: number): Promise<boolean>;
    /** Confirm the enrolment (the code's time step counts as used) with new recovery codes; false unless pending. */
    enable(agentId: string, now: number, step: number, codeHashes: string[]): Promise<boolean>;
    /** Accept a code's time step: true for exactly one caller, and only for a step later than the last accepted. */
    useStep(agentId: string, step: number): Promise<boolean>;
    replaceRecoveryCodes(agentId: string, codeHashes: string[]): Promise<void>;
    /** Spend a recovery code: true for exactly one caller, and only while unused. */
    useRecoveryCode(agentId: string, codeHash: string, now: number): Promise<boolean>;
    recoveryCodesLeft(agentId: string): Promise<number>;
    disable(agentId: string): Promise<void>;
    /** A ticket between the right password and the code (its id is a hash, like a session's). */
    createTicket(input: { id: string; agentId: string; expiresAt: number }): Promise<void>;
    /** The agent of an unexpired ticket, or null. */
    ticket(id: string, now: number): Promise<string | null>;
    /** Spend a ticket: true for exactly one caller. */
    spendTicket(id: string, now: number): Promise<boolean>;
  };

  /** Install-wide security rules (admin settings). */
  securitySettings: {
    get(): Promise<SecuritySettings>;
    set(settings: SecuritySettings): Promise<void>;
  };

  visitors: {
    create(siteId: string): Promise<VisitorRecord>;
    byId(id: string): Promise<VisitorRecord | null>;
    touch(id: string, at: number): Promise<void>;
    identify(id: string, patch: { name?: string; email?: string; externalId?: string; verified: boolean }): Promise<void>;
  };

  sessions: {
    /** The visitor's current session, or a new one when the last was idle longer than `idleMs`. */
    resumeOrStart(input: { visitorId: string; siteId: string; userAgent: string; language: string; country?: string; idleMs: number; now: number }): Promise<SessionRecord>;
    latest(visitorId: string): Promise<SessionRecord | null>;
    count(visitorId: string): Promise<number>;
    setCart(sessionId: string, cart: Cart, at: number): Promise<void>;
    setLocale(sessionId: string, locale: { timeZone: string; widgetLanguage: string }): Promise<void>;
    addPageView(sessionId: string, visitorId: string, view: PageView): Promise<void>;
    pageViews(sessionId: string, limit: number): Promise<PageView[]>;
    addEvent(sessionId: string, visitorId: string, name: string, props: Record<string, unknown>, at: number): Promise<void>;
    /** This visitor's custom events since `since`, oldest first. */
    events(visitorId: string, since: number, limit: number): Promise<Array<{ name: string; at: number }>>;
  };

  conversations: {
    byId(id: string): Promise<ConversationRecord | null>;
    openFor(visitorId: string): Promise<ConversationRecord | null>;
    latestFor(visitorId: string): Promise<ConversationRecord | null>;
    /** The visitor's open conversation, created when there is none; a unique index arbitrates races. */
    openOrCreate(siteId: string, visitorId: string, now: number): Promise<{ conversation: ConversationRecord; created: boolean }>;
    /**
     * Assign an unassigned open conversation to the agent only while they hold fewer than `capacity` open
     * chats; false when the chat was taken meanwhile or the agent is full. Atomic across processes.
     */
    assignWithinCapacity(id: string, agentId: string, capacity: number, now: number): Promise<boolean>;
    /**
     * Move an open conversation from one agent to another only while it is still the first agent's and the
     * second holds fewer than `capacity` open chats (SLA reassignment). Atomic across processes.
     */
    reassignWithinCapacity(id: string, fromAgentId: string, toAgentId: string, capacity: number, now: number): Promise<boolean>;
    /** Open, unassigned conversations of the same queue (site and team) ahead of this one in line. */
    queuedBefore(siteId: string, teamId: string | null, createdAt: number, id: string): Promise<number>;
    /** Assigned open conversations of the site whose visitor has waited for a reply since `cutoff` or before. */
    overdue(siteId: string, cutoff: number): Promise<ConversationRecord[]>;
    /** Put the conversation in a team's queue (null: the site's). */
    setTeam(id: string, teamId: string | null, now: number): Promise<void>;
    /** `pending`: a message left while nobody was online; `open` again when someone answers or the visitor returns. */
    setStatus(id: string, status: 'open' | 'pending', now: number): Promise<void>;
    /** How long recently resolved conversations of the site lasted, in seconds, newest first. */
    recentHandleSeconds(siteId: string, limit: number): Promise<number[]>;
    /** The agent who last had one of this visitor's conversations (for sticky routing). */
    lastAgentOf(visitorId: string): Promise<string | null>;
    /** Put the conversation back in the queue if this agent still has it; false otherwise. */
    unassign(id: string, agentId: string, now: number): Promise<boolean>;
    /** Give the conversation to this agent, whoever had it (a transfer). */
    assign(id: string, agentId: string, now: number): Promise<void>;
    /** Open conversations per assignee on these sites. */
    openCounts(siteIds: string[]): Promise<Map<string, number>>;
    /** Credit the conversation to the teaser impression the visitor answered (only if none yet). */
    setImpression(id: string, impressionId: string): Promise<void>;
    /** Assign only if still unassigned and open; returns false when someone else won. */
    take(id: string, agentId: string, now: number): Promise<boolean>;
    resolve(id: string, now: number): Promise<ConversationRecord | null>;
    markRead(id: string, side: 'visitor' | 'agent', seq: number): Promise<ConversationRecord | null>;
    /** Like `markRead`, for delivery receipts: `side` is who received (visitor device / agent console). */
    markDelivered(id: string, side: 'visitor' | 'agent', seq: number): Promise<ConversationRecord | null>;
    /** Store (or replace) the visitor's rating of the conversation. */
    rate(id: string, rating: Rating): Promise<void>;
    /** Store the pre-chat form's custom answers. */
    setFields(id: string, fields: Record<string, string>): Promise<void>;
    /** Remember (or clear, with null) when the visitor was emailed about an unseen reply. */
    setVisitorNotified(id: string, at: number | null): Promise<void>;
    /** Mark the visitor notified only if not already since they were last here; false when someone else did. */
    claimVisitorNotified(id: string, at: number): Promise<boolean>;
    /** The reply email is due at `at`, unless one is already due or the visitor was emailed since last here. */
    scheduleReplyEmail(id: string, at: number): Promise<void>;
    /** Conversations whose reply email is due by `now`, oldest first. */
    dueReplyEmails(now: number, limit: number): Promise<string[]>;
    /** Take a due reply email to decide on it; false when another process took it first. */
    takeReplyEmail(id: string, now: number): Promise<boolean>;
    /** The visitor is back: every conversation of theirs may be emailed about again. */
    clearVisitorNotifiedFor(visitorId: string): Promise<void>;
    /** Every conversation of this visitor, newest first. */
    listForVisitor(visitorId: string, limit: number): Promise<ConversationRecord[]>;
    /** Rated conversations of these sites rated in [from, to), newest first (CSAT reports). */
    rated(siteIds: string[], from: number, to: number, limit: number): Promise<ConversationSummary[]>;
    /** How many conversations of these sites rated in [from, to) got each score, per assignee (counted in SQL). */
    ratingCounts(siteIds: string[], from: number, to: number): Promise<Array<{ assigneeId: string | null; assigneeName: string | null; score: number; count: number }>>;
    summaries(filter: ConversationFilter): Promise<ConversationSummary[]>;
    summary(id: string): Promise<ConversationSummary | null>;
  };

  messages: {
    /**
     * Store a message with the next seq, or return the one stored earlier under the same clientId. A new message
     * comes with the conversation as it left it (`after`), so that callers need not read it again.
     */
    append(conversationId: string, input: NewMessage, now: number): Promise<{ message: Message; duplicate: boolean; after?: AppendedConversation }>;
    byClientId(conversationId: string, clientId: string): Promise<Message | null>;
    after(conversationId: string, afterSeq: number, limit: number, options: { includeNotes: boolean }): Promise<Message[]>;
    latest(conversationId: string, limit: number, options: { includeNotes: boolean }): Promise<Message[]>;
  };

  triggers: {
    list(siteId: string): Promise<Trigger[]>;
    byId(id: string): Promise<Trigger | null>;
    create(input: TriggerInput): Promise<Trigger>;
    update(id: string, patch: TriggerUpdate): Promise<Trigger | null>;
    delete(id: string): Promise<boolean>;
  };

  impressions: {
    create(input: { triggerId: string; siteId: string; visitorId: string; sessionId: string; variant: string; shownAt: number }): Promise<ImpressionRecord>;
    byId(id: string): Promise<ImpressionRecord | null>;
    /** This visitor's impressions, newest first (for frequency caps). */
    forVisitor(visitorId: string, limit: number): Promise<ImpressionRecord[]>;
    markOpened(id: string, at: number): Promise<void>;
    markDismissed(id: string, at: number): Promise<void>;
    /** Credit a conversation to the impression that started it (first one wins). */
    attachConversation(id: string, conversationId: string): Promise<void>;
    /** Record a goal on an impression not converted yet; false if it already was. */
    convert(id: string, at: number, value: number): Promise<boolean>;
    funnel(triggerId: string, since: number): Promise<Array<{ variant: string; impressions: number; opened: number; conversations: number; conversions: number; revenue: number }>>;
    daily(triggerId: string, since: number): Promise<Array<{ shownAt: number; conversation: boolean; converted: boolean }>>;
  };

  privacy: {
    /** Every row held about one visitor, raw, for a data-access request (GDPR art. 15). */
    exportVisitor(visitorId: string): Promise<Record<string, Array<Record<string, unknown>>> | null>;
    /** Delete the visitor and everything about them, messages included (hard delete); false if unknown. */
    deleteVisitor(visitorId: string): Promise<boolean>;
    /** Retention: delete the site's conversations resolved before `before`, and page views and events older than it. */
    purge(siteId: string, before: number): Promise<{ conversations: number; pageViews: number; events: number }>;
  };

  teams: {
    list(siteId: string): Promise<Team[]>;
    byId(id: string): Promise<Team | null>;
    create(input: { siteId: string; name: string; memberIds: string[] }): Promise<Team>;
    update(id: string, patch: { name?: string; memberIds?: string[]; hours?: BusinessHours | null }): Promise<Team | null>;
    /** The teams this agent belongs to, on any site. */
    idsOf(agentId: string): Promise<string[]>;
    /** The team goes; its waiting chats return to the site's queue. */
    delete(id: string): Promise<boolean>;
  };

  /** Uploaded files' records (the bytes are in an AttachmentStorage). */
  attachments: {
    create(record: AttachmentRecord): Promise<void>;
    byId(id: string): Promise<AttachmentRecord | null>;
    /** Record the message an upload went out in, only while no message has it; false when one already does. */
    attachToMessage(id: string, to: { conversationId: string; messageId: string; visitorId: string }): Promise<boolean>;
    /** Every file of this visitor's (uploaded by them or sent to them). */
    idsForVisitor(visitorId: string): Promise<string[]>;
    /** Files in the site's conversations resolved before `before` (what retention deletes with them). */
    idsResolvedBefore(siteId: string, before: number): Promise<string[]>;
    /** Uploads never sent in a message, made before `before`. */
    idsUnsentBefore(before: number): Promise<string[]>;
    delete(ids: string[]): Promise<void>;
  };

  /** Signed links in emails that bring a visitor back to a conversation (server/src/email/resume-links.ts). */
  resumeLinks: {
    create(input: { id: string; visitorId: string; conversationId: string; expiresAt: number; createdAt: number }): Promise<void>;
    byId(id: string): Promise<{ id: string; visitorId: string; conversationId: string; expiresAt: number; usedAt: number | null } | null>;
    /** Spend the link: true for exactly one caller, and only while unused and unexpired at `now`. */
    spend(id: string, now: number): Promise<boolean>;
  };

  /** Who changed what, from where (server/src/domain/audit.ts); entries are never edited. */
  audit: {
    record(entry: AuditEntry): Promise<void>;
    /** Newest first. */
    list(filter: AuditFilter, limit: number): Promise<AuditEntry[]>;
    /** Retention: delete entries older than `before`; returns how many went. */
    purgeBefore(before: number): Promise<number>;
  };

  canned: {
    list(siteId: string): Promise<CannedResponse[]>;
    byId(id: string): Promise<CannedResponse | null>;
    create(input: { siteId: string; shortcut: string; body: string }): Promise<CannedResponse>;
    update(id: string, patch: { shortcut?: string; body?: string }): Promise<CannedResponse | null>;
    delete(id: string): Promise<boolean>;
  };
}

/** Thrown by a store when a unique constraint refuses a write. */
export class UniqueViolation extends Error {
  constructor(public readonly constraint: string) {
    super(`unique constraint: ${constraint}`);
  }
}
