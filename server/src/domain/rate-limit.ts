import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from './errors.js';

/**
 * How a spent limit becomes an answer, written once: `rate_limited` with the seconds to wait, which REST sends as
 * Retry-After and a socket ack carries as `retryAfterSeconds`. Every limiter in the server refuses through here.
 */

/** Whole seconds until a limiter lets the key through again (one when the limiter does not say). */
export function secondsToWait(msBeforeNext: number | undefined): number {
  return Math.ceil((msBeforeNext ?? 1000) / 1000);
}

export function rateLimited(message: string, msBeforeNext: number | undefined): DomainError {
  return new DomainError('rate_limited', message, { retryAfterSeconds: secondsToWait(msBeforeNext) });
}

/** Consume a point, or refuse with `rate_limited` and when to retry. */
export async function consume(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    // rate-limiter-flexible rejects with its RateLimiterRes when the key is spent, with an Error when its store failed.
    if (err instanceof Error) throw err;
    throw rateLimited(message, (err as { msBeforeNext?: number }).msBeforeNext);
  }
}
