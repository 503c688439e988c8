import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './db-types.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';

export interface StoreConfig {
  /** PostgreSQL URL; when absent the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
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
    throw new Error('DATABASE_URL (PostgreSQL) is not supported yet in this version; unset it to use the embedded SQLite store.');
  }
  mkdirSync(config.dataDir, { recursive: true });
  const sqlite = openSqlite(join(config.dataDir, 'causette.sqlite'));
  const store = new SqlStore(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }));
  await store.migrate();
  return store;
}
