import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('SQLite statement cache', () => {
  it('returns the same statement for the same SQL, evicts the least recently used past its bound', () => {
    const db = withStatementCache(new BetterSqlite3(':memory:'), 2);
    const a = db.prepare('select 1');
    expect(db.prepare('select 1')).toBe(a);
    const b = db.prepare('select 2');
    db.prepare('select 1'); // a is now the most recent
    db.prepare('select 3'); // evicts b
    expect(db.cached).toBe(2);
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
    db.close();
  });

  it('keeps reader and writer statements apart and hands out a fresh statement while one is still stepping', () => {
    const db = withStatementCache(new BetterSqlite3(':memory:'));
    db.prepare('create table t (x integer)').run([]);
    expect(db.prepare('insert into t (x) values (?)').reader).toBe(false);
    expect(db.prepare('insert into t (x) values (?) returning x').reader).toBe(true);
    for (const x of [1, 2, 3]) db.prepare('insert into t (x) values (?)').run([x]);
    const iter = db.prepare('select x from t order by x').iterate([]);
    expect(iter.next().value).toEqual({ x: 1 });
    // The cached statement is busy: a second use must not reset the first.
    expect(db.prepare('select x from t order by x').all([])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect(iter.next().value).toEqual({ x: 2 });
    iter.return?.();
    db.close();
  });

  it('commits and rolls back through Kysely transactions with cached begin/commit/rollback', async () => {
    const db = new Kysely<{ t: { x: number } }>({ dialect: new SqliteDialect({ database: withStatementCache(new BetterSqlite3(':memory:')) }) });
    await sql`create table t (x integer primary key)`.execute(db);
    for (let round = 0; round < 3; round++) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ x: round * 10 }).execute();
      });
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('t').values({ x: round * 10 + 1 }).execute();
          await trx.insertInto('t').values({ x: round * 10 }).execute(); // duplicate key: the whole transaction goes
        }),
      ).rejects.toThrow();
    }
    expect((await db.selectFrom('t').select('x').orderBy('x').execute()).map((r) => r.x)).toEqual([0, 10, 20]);
    await db.destroy();
  });
});
