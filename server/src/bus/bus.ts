/**
 * Shared, non-durable state between server processes. `LocalBus` keeps it in memory for the single-process
 * default; `RedisBus` shares it through Redis at scale. Nothing durable may depend on it: Redis may lose it all.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

export interface Bus {
  presence: {
    /** One more live connection for this visitor; returns true when they just came online. */
    join(visitorId: string): Promise<boolean>;
    /** One fewer; returns true when they just went offline. */
    leave(visitorId: string): Promise<boolean>;
    isOnline(visitorId: string): Promise<boolean>;
  };
  /** A rate limiter whose counters all processes share. */
  limiter(options: LimiterOptions): RateLimiterAbstract;
  /** Open sockets per address, counted across all processes (a dead process stops counting). */
  sockets: {
    /** One more for `ip` unless it already holds `max`; false when refused. */
    open(ip: string, max: number): Promise<boolean>;
    close(ip: string): Promise<void>;
  };
  /** Throws when the bus is unreachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class LocalBus implements Bus {
  private readonly connections = new Map<string, number>();

  presence: Bus['presence'] = {
    join: async (visitorId) => {
      const n = (this.connections.get(visitorId) ?? 0) + 1;
      this.connections.set(visitorId, n);
      return n === 1;
    },
    leave: async (visitorId) => {
      const n = (this.connections.get(visitorId) ?? 0) - 1;
      if (n <= 0) this.connections.delete(visitorId);
      else this.connections.set(visitorId, n);
      return n <= 0;
    },
    isOnline: async (visitorId) => (this.connections.get(visitorId) ?? 0) > 0,
  };

  private readonly open = new Map<string, number>();

  sockets: Bus['sockets'] = {
    open: async (ip, max) => localOpen(this.open, ip, max),
    close: async (ip) => localClose(this.open, ip),
  };

  limiter(options: LimiterOptions): RateLimiterAbstract {
    return new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds });
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.connections.clear();
    this.open.clear();
  }
}

/** A count per key in this process: one more unless it holds `max` already. */
export function localOpen(counts: Map<string, number>, key: string, max: number): boolean {
  const n = counts.get(key) ?? 0;
  if (n >= max) return false;
  counts.set(key, n + 1);
  return true;
}

export function localClose(counts: Map<string, number>, key: string): void {
  const n = (counts.get(key) ?? 1) - 1;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}
