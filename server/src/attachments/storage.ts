import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where the bytes of attachments live. The database holds what a file is (name, type, owner); the storage only
 * holds bytes under an id the server chose. Disk by default; an S3-compatible adapter can implement the same.
 */
export interface AttachmentStorage {
  /** Store the stream's bytes under `id`; nothing is left behind when the stream fails (too large, aborted). */
  put(id: string, bytes: Readable): Promise<void>;
  /** The stored bytes, or null when there is no such file. */
  get(id: string): Promise<Readable | null>;
  /** Remove the file; removing one that is not there is not an error. */
  delete(id: string): Promise<void>;
}

/** Ids are ours (random, base64url): anything else never reaches a path. */
const SAFE_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** `${DATA_DIR}/attachments/<first two characters>/<id>`: one file per attachment, written to a temporary name first. */
export class DiskStorage implements AttachmentStorage {
  constructor(readonly dir: string) {}

  private pathOf(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`not an attachment id: ${JSON.stringify(id)}`);
    return join(this.dir, id.slice(0, 2), id);
  }

  async put(id: string, bytes: Readable): Promise<void> {
    const path = this.pathOf(id);
    await mkdir(join(this.dir, id.slice(0, 2)), { recursive: true });
    const partial = `${path}.part`;
    try {
      await pipeline(bytes, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      await rename(partial, path);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(id: string): Promise<Readable | null> {
    const path = this.pathOf(id);
    try {
      if (!(await stat(path)).isFile()) return null;
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async delete(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }
}
