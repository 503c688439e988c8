/** The closed set of error codes every client understands. HTTP status per code lives in `httpStatusOf`. */
export const ErrorCodes = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** The admin requires two-factor sign-in and this account has not set it up yet. */
  two_factor_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  origin_not_allowed: 403,
  conversation_closed: 409,
  /** A signed link past its expiry. */
  link_expired: 410,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** With `rate_limited`: seconds to wait before trying again. */
  retryAfterSeconds?: number;
}

/** An ack is a value: `{ok:true,...}` or `{ok:false,error}`. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckFn<T extends object = object> = (reply: Ack<T>) => void;

export function httpStatusOf(code: ErrorCode): number {
  return ErrorCodes[code] ?? 500;
}
