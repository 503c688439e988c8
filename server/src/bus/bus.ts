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

  limiter(options: LimiterOptions): RateLimiterAbstract {
    return new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds });
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.connections.clear();
  }
}
