import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FifoSqliteDialect } from './sqlite-fifo.js';
import { withStatementCache } from './statement-cache.js';

describe('SQLite connection queue', () => {
  it('serves queued queries first come first served, and keeps a transaction’s queries together', async () => {
    const db = new Kysely<{ t: { x: number } }>({ dialect: new FifoSqliteDialect({ database: withStatementCache(new BetterSqlite3(':memory:')) }) });
    await sql`create table t (x integer)`.execute(db);
    const done: number[] = [];
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 2000; i++) {
      if (i % 100 === 50) {
        // Inside a transaction, nothing else runs between its statements.
        work.push(
          db.transaction().execute(async (trx) => {
            const before = await trx.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
            await trx.insertInto('t').values({ x: -i }).execute();
            const after = await trx.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
            expect(Number(after.n)).toBe(Number(before.n) + 1);
            done.push(i);
          }),
        );
      } else work.push(db.insertInto('t').values({ x: i }).execute().then(() => done.push(i)));
    }
    await Promise.all(work);
    expect(done).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(Number((await db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(2000);
    await db.destroy();
  });
});
