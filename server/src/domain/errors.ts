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
  if (err instanceof DomainError) {
    return err.details.retryAfterSeconds === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, retryAfterSeconds: err.details.retryAfterSeconds };
  }
  return { code: 'internal', message: 'Something went wrong on our side.' };
}
