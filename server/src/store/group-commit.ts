import type { Kysely } from 'kysely';
import type { Database } from './db-types.js';
import { appendIn, type AppendResult } from './message-append.js';
import type { NewMessage } from './store.js';

type Pending = { conversationId: string; input: NewMessage; now: number; resolve: (r: AppendResult) => void; reject: (err: unknown) => void };

/** One append in its own transaction. */
export function appendOnce(db: Kysely<Database>, conversationId: string, input: NewMessage, now: number): Promise<AppendResult> {
  return db.transaction().execute((trx) => appendIn(trx, conversationId, input, now));
}

/**
 * Group commit (SQLite): appends requested in the same turn of the event loop, or while a batch is being written,
 * go into one transaction, so one commit (and one fsync) serves them all. Each promise settles only after the
 * commit that holds its message: nothing is acked before it is on disk. Order and seqs are those of sequential
 * appends, in the order requested. If anything in a batch fails, the whole batch rolled back, and each append is
 * run again on its own, so only the failing one fails. (PostgreSQL runs appends concurrently on its pool and
 * groups commits itself.)
 */
export class GroupCommit {
  static readonly MAX_BATCH = 256;
  private readonly queue: Pending[] = [];
  private scheduled = false;
  /** Counts for tests and diagnosis: batches committed and appends in them. */
  readonly counts = { batches: 0, appends: 0 };

  constructor(private readonly db: Kysely<Database>) {}

  /** True while appends wait for, or are in, a commit: `close` waits for them to be written and answered. */
  get busy(): boolean {
    return this.scheduled;
  }

  append(conversationId: string, input: NewMessage, now: number): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ conversationId, input, now, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, GroupCommit.MAX_BATCH);
    try {
      let results: AppendResult[] | null = null;
      let failed: { index: number; err: unknown } | null = null;
      if (batch.length > 1) {
        try {
          results = await this.db.transaction().execute(async (trx) => {
            const out: AppendResult[] = [];
            for (const [index, a] of batch.entries()) {
              try {
                out.push(await appendIn(trx, a.conversationId, a.input, a.now));
              } catch (err) {
                failed = { index, err };
                throw err;
              }
            }
            return out;
          });
          this.counts.batches++;
          this.counts.appends += batch.length;
        } catch {
          results = null; // rolled back whole
        }
      }
      if (results) batch.forEach((a, i) => a.resolve(results[i]!));
      else if (failed) {
        // The batch rolled back because of one append, which fails as it would have alone (everything before it
        // in the batch already applied, as when run in order); the others go first into the next batch.
        const { index, err } = failed as { index: number; err: unknown };
        batch[index]!.reject(err);
        this.queue.unshift(...batch.filter((_, i) => i !== index));
      } else {
        // The commit itself failed (or a batch of one): each on its own, so each gets its own outcome.
        for (const a of batch) {
          try {
            a.resolve(await appendOnce(this.db, a.conversationId, a.input, a.now));
            this.counts.batches++;
            this.counts.appends++;
          } catch (err) {
            a.reject(err);
          }
        }
      }
    } finally {
      this.scheduled = false;
      // What arrived while this batch was written goes into the next one.
      if (this.queue.length) this.schedule();
    }
  }
}

