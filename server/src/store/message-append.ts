/** One message appended inside a transaction: the seq it takes, the row it writes, and what changed with it. */
import { sql, type Transaction } from 'kysely';
import type { ConversationSummary, Message } from '@causette/shared';
import { newId } from '../domain/ids.js';
import type { Database } from './db-types.js';
import { toConversation, toMessage, toSummary } from './row-mappers.js';
import { num } from './sql-util.js';
import type { AppendedConversation, NewMessage } from './store.js';
import { lastMessages } from './summary-queries.js';

export type AppendResult = { message: Message; duplicate: boolean; after?: AppendedConversation };

/** A visitor's message starts the wait for a reply (if not waiting already); an agent's reply ends it. */
function awaitingAfter(input: NewMessage, now: number): { awaiting_since?: ReturnType<typeof sql<number>> | null } {
  if (input.author === 'visitor' && input.kind !== 'note') return { awaiting_since: sql`COALESCE(awaiting_since, ${now})` };
  if (input.author === 'agent' && (input.kind === 'text' || input.kind === 'attachment')) return { awaiting_since: null };
  return {};
}

/**
 * What an append's `UPDATE conversations … RETURNING` reads besides the row: the same columns `summaryQuery`
 * joins, as scalar sub-queries on primary keys (SQLite ≥ 3.35 and PostgreSQL both allow them in RETURNING), and
 * the assignee's avatar for the visitor's view.
 */
const appendReturning = [
  sql<number | boolean>`EXISTS (SELECT 1 FROM visitors v WHERE v.id = conversations.visitor_id)`.as('visitor_exists'),
  sql<string | null>`(SELECT v.name FROM visitors v WHERE v.id = conversations.visitor_id)`.as('visitor_name'),
  sql<string | null>`(SELECT v.email FROM visitors v WHERE v.id = conversations.visitor_id)`.as('visitor_email'),
  sql<string | null>`(SELECT a.name FROM agents a WHERE a.id = conversations.assignee_id)`.as('assignee_name'),
  sql<string | null>`(SELECT a.avatar_url FROM agents a WHERE a.id = conversations.assignee_id)`.as('assignee_avatar_url'),
  sql<string | null>`(SELECT i.trigger_id FROM impressions i WHERE i.id = conversations.impression_id)`.as('trigger_id'),
  sql<string | null>`(SELECT i.variant FROM impressions i WHERE i.id = conversations.impression_id)`.as('trigger_variant'),
  sql<string | null>`(SELECT t.name FROM impressions i INNER JOIN triggers t ON t.id = i.trigger_id WHERE i.id = conversations.impression_id)`.as('trigger_name'),
  sql<string | null>`(SELECT tm.name FROM teams tm WHERE tm.id = conversations.team_id)`.as('team_name'),
] as const;

export async function appendIn(trx: Transaction<Database>, conversationId: string, input: NewMessage, now: number): Promise<AppendResult> {
  const earlier = await trx
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (earlier) return { message: toMessage(earlier), duplicate: true };
  // The row lock taken by this update serialises seq assignment per conversation. It returns the row as
  // this append leaves it, with what the summary and the visitor's view need, so nobody reads it again.
  const bumped = await trx
    .updateTable('conversations')
    .set({ last_seq: sql`last_seq + 1`, updated_at: now, ...awaitingAfter(input, now) })
    .where('id', '=', conversationId)
    .returningAll()
    .returning(appendReturning)
    .executeTakeFirstOrThrow();
  const row = {
    id: newId(),
    conversation_id: conversationId,
    seq: num(bumped.last_seq),
    client_id: input.clientId,
    author: input.author,
    author_id: input.authorId,
    author_name: input.authorName,
    kind: input.kind,
    body: input.body,
    attachment: input.attachment ? JSON.stringify(input.attachment) : null,
    created_at: now,
  };
  if (input.authorLabelOf === undefined) {
    await trx.insertInto('messages').values(row).execute();
  } else {
    // The visitor's label (`visitorLabel`) from their row, in the insert itself; ids are ASCII, so SQL's
    // UPPER and JavaScript's toUpperCase agree.
    const label = sql<string | null>`(SELECT COALESCE(v.name, 'Visitor ' || UPPER(SUBSTR(v.id, 1, 4))) FROM visitors v WHERE v.id = ${input.authorLabelOf})`;
    const inserted = await trx
      .insertInto('messages')
      .values({ ...row, author_name: label })
      .returning('author_name')
      .executeTakeFirstOrThrow();
    row.author_name = inserted.author_name;
  }
  const message = toMessage(row);
  const conversation = toConversation(bumped);
  let summary: ConversationSummary | null = null;
  if (bumped.visitor_exists) {
    // The new message is the latest; it is the preview unless it is one of the system's notes.
    const preview = input.author === 'system' && input.kind === 'note' ? ((await lastMessages(trx, [conversationId])).get(conversationId) ?? null) : message;
    summary = toSummary(bumped, preview);
  }
  const assignee = conversation.assigneeId !== null && bumped.assignee_name !== null ? { id: conversation.assigneeId, name: bumped.assignee_name, avatarUrl: bumped.assignee_avatar_url } : null;
  return { message, duplicate: false, after: { conversation, summary, assignee } };
}
