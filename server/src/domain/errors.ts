import type { ErrorBody, ErrorCode } from '@causette/shared';

/** A failure the client should understand: it carries one of the shared error codes. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    /** For `rate_limited`: when to try again (sent as Retry-After over HTTP). */
    public readonly details: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

/** Anything else becomes `internal`, with no detail leaked. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) return { code: err.code, message: err.message };
  return { code: 'internal', message: 'Something went wrong on our side.' };
}
