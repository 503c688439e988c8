import { stripBidiControls, type Attachment } from '@causette/shared';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { toAttachment } from '../domain/mappers.js';
import type { AttachmentRecord, Store } from '../store/store.js';
import { ALLOWED_DESCRIPTION, sniff } from './sniff.js';
import type { AttachmentStorage } from './storage.js';
import { JpegMetadataStripper } from './strip-metadata.js';

/** How much of the start of a file is kept in memory to find its type and pixel size. */
const HEAD_BYTES = 512 * 1024;
/** How much of a refused, too large upload is read (and thrown away) so that the client sees the 413. */
const DRAIN_MAX = 64 * 1024 * 1024;
/** Names are shown and offered back on download: at most this many characters. */
export const NAME_MAX = 200;

/** "10 MB", "1.5 MB", "512 KB": the limit as people read it (decimal units, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
  if (bytes >= 1_000) return `${Number((bytes / 1_000).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/**
 * The file name a client gave (URI-encoded in X-File-Name), made safe to show and to offer on download: no path,
 * no control or bidirectional-override characters, at most 200 characters. Never used on disk.
 */
export function cleanName(header: string | undefined): string {
  let name = '';
  if (header) {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw new DomainError('bad_request', 'X-File-Name must be URI-encoded (encodeURIComponent).');
    }
  }
  name = stripBidiControls(name)
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...name];
  if (chars.length > NAME_MAX) {
    // Keep the extension people recognise the file by.
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, NAME_MAX - [...ext].length).join('') + ext;
  }
  return name || 'file';
}

class TooLarge extends Error {}
class Cut extends Error {}

/** Counts bytes as they pass, fails past the limit, and keeps the first HEAD_BYTES for sniffing. */
class Meter extends Transform {
  size = 0;
  private readonly head: Buffer[] = [];
  private kept = 0;

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.max) return done(new TooLarge());
    if (this.kept < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.kept);
      this.head.push(Buffer.from(part));
      this.kept += part.length;
    }
    done(null, chunk);
  }

  headBytes(): Buffer {
    return Buffer.concat(this.head);
  }
}

export interface UploadInput {
  siteId: string;
  uploader: 'visitor' | 'agent';
  uploaderId: string;
  /** The visitor the file belongs to: the uploader, or the visitor of the agent's conversation. */
  visitorId: string;
  /** Known at upload for agents (they upload into a conversation); set when sent for visitors. */
  conversationId: string | null;
  /** The X-File-Name header as sent. */
  fileName: string | undefined;
  /** The Content-Length header, when sent: refused at once when over the limit. */
  declaredLength: number | undefined;
}

/** Uploads (checked by content, limited in size while streaming), downloads, and deletion of files with their owners. */
export class AttachmentService {
  constructor(
    private readonly store: Store,
    readonly storage: AttachmentStorage,
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  tooLarge(): DomainError {
    return new DomainError('payload_too_large', `The file is larger than the limit of ${formatBytes(this.maxBytes)}.`);
  }

  async upload(body: Readable, input: UploadInput): Promise<Attachment> {
    const name = cleanName(input.fileName);
    if (input.declaredLength !== undefined && input.declaredLength > this.maxBytes) throw this.tooLarge();
    const id = newId();
    const meter = new Meter(this.maxBytes);
    // The request ending early (the client cancelled) fails the write too, so no partial file stays.
    const onAbort = () => meter.destroy(new Cut());
    body.once('aborted', onAbort);
    body.once('error', (err) => meter.destroy(err));
    // Metadata a photo carries (where it was taken, the device, the owner) is not kept: see strip-metadata.ts.
    const stripper = new JpegMetadataStripper();
    meter.once('error', (err) => stripper.destroy(err));
    try {
      await this.storage.put(id, body.pipe(meter).pipe(stripper));
    } catch (err) {
      if (err instanceof Cut || body.destroyed) throw new DomainError('bad_request', 'The upload was cancelled or cut off before the end of the file.');
      if (err instanceof TooLarge) {
        // The client is still sending: read the rest into nothing (up to a bound), so that it gets the answer.
        body.unpipe(meter);
        let drained = 0;
        body.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > DRAIN_MAX) body.destroy();
        });
        body.resume();
        throw this.tooLarge();
      }
      throw err;
    } finally {
      body.off('aborted', onAbort);
    }
    const head = meter.headBytes();
    const kind = await sniff(head, meter.size <= head.length, name);
    if (!kind) {
      await this.storage.delete(id);
      throw new DomainError(
        'unsupported_media_type',
        meter.size === 0 ? 'The file is empty.' : `This kind of file cannot be sent. Accepted: ${ALLOWED_DESCRIPTION}.`,
      );
    }
    const record: AttachmentRecord = {
      id,
      siteId: input.siteId,
      uploader: input.uploader,
      uploaderId: input.uploaderId,
      visitorId: input.visitorId,
      conversationId: input.conversationId,
      messageId: null,
      name,
      contentType: kind.contentType,
      // What is stored and served (the photo without its metadata); the limit applied to what was sent.
      size: stripper.bytesOut,
      width: kind.width,
      height: kind.height,
      createdAt: this.now(),
    };
    try {
      await this.store.attachments.create(record);
    } catch (err) {
      await this.storage.delete(id);
      throw err;
    }
    return toAttachment(metaOf(record));
  }

  /** The file's record and bytes, or null for an unknown id. */
  async open(id: string): Promise<{ record: AttachmentRecord; bytes: Readable } | null> {
    const record = await this.store.attachments.byId(id);
    if (!record) return null;
    const bytes = await this.storage.get(id);
    return bytes ? { record, bytes } : null;
  }
}

/** What a message carries of a file (its url is derived from the id). */
export function metaOf(r: AttachmentRecord): Omit<Attachment, 'url'> {
  return { id: r.id, name: r.name, size: r.size, contentType: r.contentType, width: r.width, height: r.height };
}
