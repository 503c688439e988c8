import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Bus } from '../bus/bus.js';
import { rateLimited, secondsToWait } from './rate-limit.js';

/** Failures allowed on one account before each further one costs a lock of growing length. */
export const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Per-account brute-force protection, shared by every process through the bus: after five wrong passwords in
 * a day, each further failure locks the address for 1, 2, 4 … seconds (at most 15 minutes). Unknown addresses
 * are counted the same way, so the lock says nothing about which accounts exist. A success clears the count.
 * Per-IP limits are the HTTP rate limit on the route.
 */
export class LoginThrottle {
  private readonly failures: RateLimiterAbstract;
  private readonly locks: RateLimiterAbstract;

  /** `prefix` keeps separate counts, e.g. wrong second-factor codes per account next to wrong passwords per address. */
  constructor(bus: Bus, prefix = 'login') {
    this.failures = bus.limiter({ keyPrefix: `${prefix}-fail`, points: 10_000, durationSeconds: 24 * 3600 });
    this.locks = bus.limiter({ keyPrefix: `${prefix}-lock`, points: 1, durationSeconds: 1 });
  }

  private key(email: string): string {
    return email.trim().toLowerCase();
  }

  /** Throws `rate_limited` (with the wait) while the address is locked. */
  async check(email: string): Promise<void> {
    const lock = await this.locks.get(this.key(email));
    if (lock && lock.consumedPoints > 1) {
      throw rateLimited(`Too many failed sign-ins for this address; try again in ${secondsToWait(lock.msBeforeNext)} s.`, lock.msBeforeNext);
    }
  }

  async failed(email: string): Promise<void> {
    const res = await this.failures.penalty(this.key(email), 1);
    const over = res.consumedPoints - FREE_FAILURES;
    if (over > 0) await this.locks.block(this.key(email), Math.min(MAX_LOCK_SECONDS, 2 ** (over - 1)));
  }

  async succeeded(email: string): Promise<void> {
    await this.failures.delete(this.key(email));
  }
}
