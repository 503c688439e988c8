import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db-types.js';

/** The database, or a transaction on it: helpers that may run inside either take this. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Dialect differences are confined to this check and the factory in `create-store.ts`. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; pg: 23505
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

/** PostgreSQL returns counts and sums as strings; SQLite as numbers. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
