import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The database Kysely's SQLite driver is handed: `prepare(sql)` returns a cached statement per SQL text instead
 * of compiling it again (Kysely's driver prepares every query anew, which cost a fifth of the server's CPU).
 *
 * Safe because:
 * - Kysely's driver runs one query at a time on its single connection (a mutex), and each `all`/`run` binds its
 *   own parameters and resets the statement when done, so a statement carries nothing from one use to the next;
 * - `reader` (which the driver reads to choose `all` or `run`) is a property of the SQL text, fixed at prepare;
 * - a statement still stepping (an unfinished `iterate` from `streamQuery`) is `busy`: then a fresh, uncached one
 *   is prepared rather than reusing it;
 * - transactions are plain `begin`/`commit`/`rollback`/savepoint statements, cached like any other; SQLite
 *   re-prepares a cached statement itself when a migration changes the schema under it.
 * Bounded (least recently used out), since `in (?, ?, …)` lists make one SQL text per list length.
 */
export function withStatementCache(db: BetterSqlite3.Database, max = 500): SqliteDatabase & { readonly cached: number } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    get cached() {
      return cache.size;
    },
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const hit = cache.get(sql);
      if (hit) {
        if (hit.busy) return db.prepare(sql);
        // Most recently used last: Map keeps insertion order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}
