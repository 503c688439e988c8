import type { Ack, AckFn } from '@causette/shared';
import type { TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError, toErrorBody } from '../domain/errors.js';
import { consume } from '../domain/rate-limit.js';
import { describeInvalid } from './validate.js';
import type { AbuseLimits } from './abuse.js';

export interface HandlerContext {
  limiter: RateLimiterAbstract;
  abuse: AbuseLimits;
  /** The client's address for per-IP limits (proxy-aware when configured). */
  ipOf: (handshake: { address: string; headers: Record<string, string | string[] | undefined> }) => string;
  log: FastifyBaseLogger;
  /** Called once per event with its outcome and duration, for metrics. */
  observe?: (event: string, outcome: 'ok' | 'error', seconds: number) => void;
  /** Called once per newly stored message. */
  stored?: (author: 'visitor' | 'agent') => void;
}

/**
 * Wrap one socket event: rate limit, validate, authorise (inside `run`), call the domain, ack a value.
 * Events sent without an ack callback still go through every check; their errors are only logged.
 */
export function guarded<P, R extends object>(
  ctx: HandlerContext,
  event: string,
  check: TypeCheck<TSchema>,
  rateKey: () => string,
  run: (payload: P) => Promise<R | void>,
): (payload: unknown, ack?: unknown) => Promise<void> {
  return async (payload, maybeAck) => {
    // `emit(event, ack)` with no payload puts the callback first.
    if (typeof payload === 'function' && maybeAck === undefined) {
      maybeAck = payload;
      payload = undefined;
    }
    const ack: AckFn<R> = typeof maybeAck === 'function' ? (maybeAck as AckFn<R>) : () => {};
    const started = performance.now();
    try {
      await consume(ctx.limiter, rateKey(), 'Too many events; slow down.');
      if (!check.Check(payload)) throw new DomainError('bad_request', describeInvalid(check, payload));
      const result = await run(payload as P);
      ack({ ok: true, ...(result ?? {}) } as Ack<R>);
      ctx.observe?.(event, 'ok', (performance.now() - started) / 1000);
    } catch (err) {
      if (!(err instanceof DomainError)) ctx.log.error({ err, event }, 'socket handler failed');
      ack({ ok: false, error: toErrorBody(err) });
      ctx.observe?.(event, 'error', (performance.now() - started) / 1000);
    }
  };
}

/**
 * An event this namespace does not have (an agent event on the visitor socket, a made-up name) is refused with
 * an error ack and counted against the rate limit, instead of silently hanging the caller.
 */
export function refuseUnknown(
  socket: { onAny(listener: (event: string, ...args: unknown[]) => void): unknown },
  ctx: HandlerContext,
  known: Record<string, unknown>,
  rateKey: () => string,
): void {
  socket.onAny((event, ...args) => {
    if (Object.prototype.hasOwnProperty.call(known, event)) return;
    const ack = args.at(-1);
    void ctx.limiter.consume(rateKey()).catch(() => undefined);
    if (typeof ack === 'function') ack({ ok: false, error: { code: 'bad_request', message: 'Unknown event.' } });
  });
}
