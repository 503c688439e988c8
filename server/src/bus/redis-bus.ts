import { randomBytes } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createClient, type RedisClientType } from 'redis';
import { localClose, localOpen, type Bus, type LimiterOptions } from './bus.js';

const PREFIX = 'causette:';
/** A process that stops renewing its heartbeat is taken as gone, and its visitors' connections with it. */
const HEARTBEAT_TTL_S = 30;

/**
 * Presence is counted per process (`presence:<visitor>` hash, one field per process) so that a process that
 * dies without cleaning up stops counting once its heartbeat key expires.
 */
export class RedisBus implements Bus {
  readonly processId = randomBytes(8).toString('hex');
  private heartbeat: NodeJS.Timeout | undefined;

  /**
   * @param client for the Socket.IO adapter: commands wait in an offline queue while Redis is away, so
   *   cross-process fan-out is delayed rather than dropped.
   * @param fast for presence and rate limits: fails at once while Redis is away, so no event ever hangs on it.
   */
  private constructor(
    readonly client: RedisClientType,
    private readonly fast: RedisClientType,
  ) {}

  static async connect(url: string): Promise<RedisBus> {
    const open = async (disableOfflineQueue: boolean) => {
      const client = createClient({
        url,
        disableOfflineQueue,
        // Keep trying: Redis coming back after a restart must not need a server restart.
        socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 5000 },
      }) as RedisClientType;
      client.on('error', () => {
        /* reconnects by itself; readiness reports the outage */
      });
      await client.connect();
      return client;
    };
    const bus = new RedisBus(await open(false), await open(true));
    await bus.beat();
    bus.heartbeat = setInterval(() => void bus.beat().catch(() => {}), (HEARTBEAT_TTL_S * 1000) / 3);
    bus.heartbeat.unref();
    return bus;
  }

  private beat(): Promise<unknown> {
    return this.fast.set(`${PREFIX}proc:${this.processId}`, '1', { EX: HEARTBEAT_TTL_S });
  }

  private key(visitorId: string): string {
    return `${PREFIX}presence:${visitorId}`;
  }

  presence: Bus['presence'] = {
    join: async (visitorId) => {
      const wasOnline = await this.presence.isOnline(visitorId);
      await this.fast.multi().hIncrBy(this.key(visitorId), this.processId, 1).expire(this.key(visitorId), 24 * 3600).exec();
      return !wasOnline;
    },
    leave: async (visitorId) => {
      const left = await this.fast.hIncrBy(this.key(visitorId), this.processId, -1);
      if (left <= 0) await this.fast.hDel(this.key(visitorId), this.processId);
      return !(await this.presence.isOnline(visitorId));
    },
    isOnline: async (visitorId) => (await this.liveTotal(this.key(visitorId))) > 0,
  };

  /** This process's own counts: the truth while Redis is away, and what it gives back when it comes back. */
  private readonly openHere = new Map<string, number>();

  /**
   * Counted like presence: one hash per address, one field per process, and only processes whose heartbeat is
   * alive count. Two processes admitting at the same instant may pass the cap by one each: a bound on memory,
   * not an exact quota. While Redis is away, each process holds its own count to the same cap.
   */
  sockets: Bus['sockets'] = {
    open: async (ip, max) => {
      if (!localOpen(this.openHere, ip, max)) return false;
      try {
        if ((await this.liveTotal(this.socketsKey(ip))) >= max) {
          localClose(this.openHere, ip);
          return false;
        }
        await this.fast.multi().hIncrBy(this.socketsKey(ip), this.processId, 1).expire(this.socketsKey(ip), 24 * 3600).exec();
      } catch {
        /* Redis away: the local count alone decides */
      }
      return true;
    },
    close: async (ip) => {
      localClose(this.openHere, ip);
      try {
        const left = await this.fast.hIncrBy(this.socketsKey(ip), this.processId, -1);
        if (left <= 0) await this.fast.hDel(this.socketsKey(ip), this.processId);
      } catch {
        /* Redis away: the field goes with this process's heartbeat, or is corrected on the next open */
      }
    },
  };

  private socketsKey(ip: string): string {
    return `${PREFIX}sockets:${ip}`;
  }

  /** The sum of a per-process hash over the processes whose heartbeat is alive. */
  private async liveTotal(key: string): Promise<number> {
    const counts = Object.entries(await this.fast.hGetAll(key)).filter(([, n]) => Number(n) > 0);
    if (!counts.length) return 0;
    const alive = await Promise.all(counts.map(([proc]) => this.fast.exists(`${PREFIX}proc:${proc}`)));
    return counts.reduce((sum, [, n], i) => sum + (alive[i]! > 0 ? Number(n) : 0), 0);
  }

  limiter(options: LimiterOptions): RateLimiterAbstract {
    return new RateLimiterRedis({
      storeClient: this.fast,
      useRedisPackage: true,
      keyPrefix: `${PREFIX}rl:${options.keyPrefix}`,
      points: options.points,
      duration: options.durationSeconds,
      // While Redis is away, each process limits on its own rather than letting everything through.
      insuranceLimiter: new RateLimiterMemory({ points: options.points, duration: options.durationSeconds }),
    });
  }

  async ping(): Promise<void> {
    await this.fast.ping();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.fast.del(`${PREFIX}proc:${this.processId}`).catch(() => {});
    await Promise.all([this.client.quit().catch(() => {}), this.fast.quit().catch(() => {})]);
  }
}
