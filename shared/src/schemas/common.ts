import { Type } from '@sinclair/typebox';

/** Ids are random (base64url, 16–32 chars), never sequential. */
export const Id = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const ClientId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
/** Milliseconds since the epoch. */
export const Timestamp = Type.Integer({ minimum: 0 });
export const Seq = Type.Integer({ minimum: 0, maximum: 2 ** 31 });
/** A web page's address: http(s) only, so that nothing a visitor reports can become a `javascript:` link. */
export const Url = Type.String({ maxLength: 2048, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
