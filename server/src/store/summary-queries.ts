import { sql, type Kysely } from 'kysely';
import type { ConversationSummary, Message } from '@causette/shared';
import type { Database } from './db-types.js';
import { toMessage, toSummary, type SummaryRow } from './row-mappers.js';
import { num, type Db } from './sql-util.js';

/** Conversations joined with what their summary shows from other tables. */
export function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .leftJoin('impressions as i', 'i.id', 'c.impression_id')
    .leftJoin('triggers as t', 't.id', 'i.trigger_id')
    .leftJoin('teams as tm', 'tm.id', 'c.team_id')
    .selectAll('c')
    .select([
      'v.name as visitor_name',
      'v.email as visitor_email',
      'a.name as assignee_name',
      'i.trigger_id as trigger_id',
      'i.variant as trigger_variant',
      't.name as trigger_name',
      'tm.name as team_name',
    ]);
}

export async function withLastMessages(db: Db, rows: SummaryRow[]): Promise<ConversationSummary[]> {
  const last = await lastMessages(
    db,
    rows.filter((r) => num(r.last_seq) > 0).map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, last.get(r.id) ?? null));
}

/** The preview of each conversation: its latest message other than the system's own notes. */
export async function lastMessages(db: Db, ids: string[]): Promise<Map<string, Message>> {
  const last = new Map<string, Message>();
  if (ids.length) {
    // The preview is the latest message a person wrote or saw: the system's own notes (routing, requeue)
    // would hide what the chat is about.
    const msgs = await db
      .selectFrom('messages as m')
      .selectAll('m')
      .where('m.conversation_id', 'in', ids)
      .where(
        'm.seq',
        '=',
        sql<number>`(SELECT max(m2.seq) FROM messages m2 WHERE m2.conversation_id = m.conversation_id AND NOT (m2.author = 'system' AND m2.kind = 'note'))`,
      )
      .execute();
    for (const m of msgs) last.set(m.conversation_id, toMessage(m));
  }
  return last;
}
