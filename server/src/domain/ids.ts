import { randomBytes } from 'node:crypto';

/** 128 random bits, base64url: unguessable and never sequential. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}
