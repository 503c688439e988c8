/** Rows as the database returns them, turned into the records the store interface speaks. */
import type { Selectable } from 'kysely';
import type { Agent, Attachment, Cart, CannedResponse, ConversationStatus, ConversationSummary, Message, SiteSettings, Trigger } from '@causette/shared';
import { toAttachment, visitorLabel } from '../domain/mappers.js';
import type { AgentsTable, ConversationsTable, ImpressionsTable, MessagesTable, SessionsTable, SitesTable, TriggersTable, VisitorsTable } from './db-types.js';
import { num } from './sql-util.js';
import type { AgentWithSecret, ConversationRecord, ImpressionRecord, SessionRecord, SiteWithSecret, VisitorRecord } from './store.js';

export function toSite(r: Selectable<SitesTable>): SiteWithSecret {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    allowedOrigins: JSON.parse(r.allowed_origins) as string[],
    settings: JSON.parse(r.settings) as SiteSettings,
    secret: r.secret,
    createdAt: num(r.created_at),
  };
}

export function toAgent(r: Selectable<AgentsTable>, siteIds: string[]): AgentWithSecret {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Agent['role'],
    status: r.status as Agent['status'],
    capacity: num(r.capacity),
    avatarUrl: r.avatar_url,
    disabled: num(r.disabled) === 1,
    siteIds,
    createdAt: num(r.created_at),
    passwordHash: r.password_hash,
  };
}

export function toVisitor(r: Selectable<VisitorsTable>): VisitorRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    email: r.email,
    externalId: r.external_id,
    verified: num(r.verified) === 1,
    createdAt: num(r.created_at),
    lastSeenAt: num(r.last_seen_at),
  };
}

export function toSession(r: Selectable<SessionsTable>): SessionRecord {
  return {
    id: r.id,
    visitorId: r.visitor_id,
    siteId: r.site_id,
    startedAt: num(r.started_at),
    lastSeenAt: num(r.last_seen_at),
    userAgent: r.user_agent,
    language: r.language,
    country: r.country ?? '',
    cart: r.cart ? (JSON.parse(r.cart) as Cart) : null,
    timeZone: r.time_zone ?? '',
    widgetLanguage: r.widget_language ?? '',
  };
}

export function toConversation(r: Selectable<ConversationsTable>): ConversationRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    visitorId: r.visitor_id,
    status: r.status as ConversationStatus,
    assigneeId: r.assignee_id,
    teamId: r.team_id ?? null,
    assignedAt: r.assigned_at === null || r.assigned_at === undefined ? null : num(r.assigned_at),
    awaitingSince: r.awaiting_since === null || r.awaiting_since === undefined ? null : num(r.awaiting_since),
    lastSeq: num(r.last_seq),
    visitorReadSeq: num(r.visitor_read_seq),
    agentReadSeq: num(r.agent_read_seq),
    agentDeliveredSeq: num(r.agent_delivered_seq ?? 0),
    visitorDeliveredSeq: num(r.visitor_delivered_seq ?? 0),
    rating:
      r.rating_score === null || r.rating_score === undefined
        ? null
        : { score: num(r.rating_score), comment: r.rating_comment ?? null, ratedAt: num(r.rated_at) },
    fields: r.fields ? (JSON.parse(r.fields) as Record<string, string>) : {},
    visitorNotifiedAt: r.visitor_notified_at === null || r.visitor_notified_at === undefined ? null : num(r.visitor_notified_at),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function toTrigger(r: Selectable<TriggersTable>): Trigger {
  const definition = JSON.parse(r.definition) as Omit<Trigger, 'id' | 'siteId' | 'name' | 'status' | 'priority' | 'createdAt' | 'updatedAt'>;
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    status: r.status as Trigger['status'],
    priority: num(r.priority),
    ...definition,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function toImpression(r: Selectable<ImpressionsTable>): ImpressionRecord {
  const orNull = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return {
    id: r.id,
    triggerId: r.trigger_id,
    siteId: r.site_id,
    visitorId: r.visitor_id,
    sessionId: r.session_id,
    variant: r.variant,
    shownAt: num(r.shown_at),
    openedAt: orNull(r.opened_at),
    dismissedAt: orNull(r.dismissed_at),
    conversationId: r.conversation_id,
    convertedAt: orNull(r.converted_at),
  };
}

export function toMessage(r: Selectable<MessagesTable>): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    seq: num(r.seq),
    clientId: r.client_id,
    author: r.author as Message['author'],
    authorId: r.author_id,
    authorName: r.author_name,
    kind: r.kind as Message['kind'],
    body: r.body,
    ...(r.attachment ? { attachment: toAttachment(JSON.parse(r.attachment) as Omit<Attachment, 'url'>) } : {}),
    createdAt: num(r.created_at),
  };
}

/** A conversation row with what its summary shows from other tables (joined, or read by sub-queries). */
export type SummaryRow = Selectable<ConversationsTable> & {
  visitor_name: string | null;
  visitor_email: string | null;
  team_name: string | null;
  assignee_name: string | null;
  trigger_id: string | null;
  trigger_variant: string | null;
  trigger_name: string | null;
};

/** The one place a summary is made, whether from the join in `summaryQuery` or from the row an append returned. */
export function toSummary(r: SummaryRow, lastMessage: Message | null): ConversationSummary {
  const c = toConversation(r);
  return {
    id: c.id,
    siteId: c.siteId,
    visitorId: c.visitorId,
    visitorName: visitorLabel({ id: c.visitorId, name: r.visitor_name }),
    status: c.status,
    assigneeId: c.assigneeId,
    assigneeName: r.assignee_name,
    lastSeq: c.lastSeq,
    agentReadSeq: c.agentReadSeq,
    visitorReadSeq: c.visitorReadSeq,
    visitorDeliveredSeq: c.visitorDeliveredSeq,
    lastMessage,
    startedBy: r.trigger_id ? { triggerId: r.trigger_id, triggerName: r.trigger_name ?? '', variant: r.trigger_variant ?? '' } : null,
    teamId: c.teamId,
    teamName: c.teamId ? r.team_name : null,
    awaitingSince: c.awaitingSince,
    visitorEmail: r.visitor_email,
    rating: c.rating,
    fields: c.fields,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function toCanned(r: { id: string; site_id: string; shortcut: string; body: string; created_at: number }): CannedResponse {
  return { id: r.id, siteId: r.site_id, shortcut: r.shortcut, body: r.body, createdAt: num(r.created_at) };
}