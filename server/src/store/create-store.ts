import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './db-types.js';
import { SqlStore } from './sql-store.js';
import { FifoSqliteDialect } from './sqlite-fifo.js';
import { withStatementCache } from './statement-cache.js';
import type { Store } from './store.js';

export interface StoreConfig {
  /** PostgreSQL URL; when absent the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to work in (tests give each run its own); default `public`. */
  pgSchema?: string | undefined;
}

// Epoch-ms columns are bigint; they fit a JS number exactly, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

async function openPostgres(url: string, schema: string | undefined): Promise<Kysely<Database>> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openSqlite(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we ack it (DESIGN principle 2).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export async function createStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) {
    const store = new SqlStore(await openPostgres(config.databaseUrl, config.pgSchema), config.pgSchema, 'postgres');
    await store.migrate();
    return store;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const sqlite = openSqlite(join(config.dataDir, 'causette.sqlite'));
  const store = new SqlStore(new Kysely<Database>({ dialect: new FifoSqliteDialect({ database: withStatementCache(sqlite) }) }));
  await store.migrate();
  return store;
}
