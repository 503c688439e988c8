import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Attachment, Message } from '@causette/shared';

const HOUR_MS = 3_600_000;
/** What the widget is handed with each message: a page loaded later gets new ones with the messages. */
export const VISITOR_LINK_TTL_MS = 24 * HOUR_MS;

/** A key of its own for file links, derived from the server secret: a leaked link key signs nothing else. */
export function fileLinkKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('causette file links v1').digest();
}

export type FileLinkCheck = 'ok' | 'invalid' | 'expired';

/**
 * Signed, expiring links to a file (`/files/<id>?e=<expiry, unix seconds>&s=<HMAC of id and expiry>`), for those
 * who have no console session: visitors' widgets, and the recipients of emails. The link is the permission, for a
 * while only, so a link copied from a shop page, a proxy log or a forwarded email stops working.
 */
export class FileLinks {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private mac(id: string, expires: string): Buffer {
    return createHmac('sha256', this.key).update(`${id}.${expires}`).digest();
  }

  /**
   * A link valid for at least `ttlMs`. The expiry is rounded up to the hour, so the same file asked for again
   * within the hour has the same address and the browser's cached copy is used.
   */
  url(id: string, ttlMs: number): string {
    const expires = String(Math.ceil((this.now() + ttlMs) / HOUR_MS) * (HOUR_MS / 1000));
    return `/files/${id}?e=${expires}&s=${this.mac(id, expires).toString('base64url')}`;
  }

  check(id: string, expires: string, signature: string): FileLinkCheck {
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(id, expires);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 > this.now() ? 'ok' : 'expired';
  }

  /** The file with a link that works without a session for `ttlMs`. */
  attachment(a: Attachment, ttlMs: number): Attachment {
    return { ...a, url: this.url(a.id, ttlMs) };
  }

  /** The message as it leaves for a visitor or an email: its file, if any, behind a signed link. */
  message(m: Message, ttlMs: number): Message {
    return m.attachment ? { ...m, attachment: this.attachment(m.attachment, ttlMs) } : m;
  }
}
