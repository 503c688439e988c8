import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import { appendOnce, type GroupCommit } from './group-commit.js';
import { toMessage } from './row-mappers.js';
import { isUniqueViolation } from './sql-util.js';
import type { Store } from './store.js';

/**
 * Messages: appended with the seq the conversation gives them (in group commits on SQLite), and read back in order.
 */
export function messagesRepo(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', groupCommit: GroupCommit): Store['messages'] {
  const messages: Store['messages'] = {
    append: async (conversationId, input, now) => {
      try {
        return await (dialect === 'sqlite' ? groupCommit.append(conversationId, input, now) : appendOnce(db, conversationId, input, now));
      } catch (err) {
        // Two sends of one clientId raced (PostgreSQL runs them concurrently): the loser returns the winner's row.
        if (!isUniqueViolation(err)) throw err;
        const winner = await messages.byClientId(conversationId, input.clientId);
        if (!winner) throw err;
        return { message: winner, duplicate: true };
      }
    },
    byClientId: async (conversationId, clientId) => {
      const r = await db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return r ? toMessage(r) : null;
    },
    after: async (conversationId, afterSeq, limit, { includeNotes }) => {
      let q = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('seq', '>', afterSeq);
      if (!includeNotes) q = q.where('kind', '<>', 'note');
      return (await q.orderBy('seq').limit(limit).execute()).map(toMessage);
    },
    latest: async (conversationId, limit, { includeNotes }) => {
      let q = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
      if (!includeNotes) q = q.where('kind', '<>', 'note');
      return (await q.orderBy('seq', 'desc').limit(limit).execute()).reverse().map(toMessage);
    },
  };
  return messages;
}

