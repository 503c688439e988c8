import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { DomainError, toErrorBody } from './errors.js';
import { consume, rateLimited, secondsToWait } from './rate-limit.js';

describe('rate-limit refusal', () => {
  it('lets a key through while it has points, then refuses with rate_limited and the seconds to wait', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 30 });
    await consume(limiter, 'k', 'Slow down.');
    const refused = await consume(limiter, 'k', 'Slow down.').then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(DomainError);
    const body = toErrorBody(refused);
    expect(body).toMatchObject({ code: 'rate_limited', message: 'Slow down.' });
    expect(body.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(body.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('passes a failing store through: that is not the client’s fault', async () => {
    const broken = { consume: () => Promise.reject(new Error('redis down')) } as unknown as RateLimiterMemory;
    await expect(consume(broken, 'k', 'Slow down.')).rejects.toThrow('redis down');
  });

  it('rounds the wait up to whole seconds, one when the limiter does not say', () => {
    expect(secondsToWait(1)).toBe(1);
    expect(secondsToWait(1500)).toBe(2);
    expect(secondsToWait(undefined)).toBe(1);
    expect(rateLimited('Wait.', 2500).details).toEqual({ retryAfterSeconds: 3 });
  });
});
