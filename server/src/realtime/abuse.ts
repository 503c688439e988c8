import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Bus } from '../bus/bus.js';
import { consume } from '../domain/rate-limit.js';

/** Per-IP and per-visitor limits, every count shared by all processes through the bus. */
export interface AbuseConfig {
  /** Socket.IO handshakes per IP per minute (both namespaces). */
  connectionsPerMinute: number;
  /** Visitors created (handshakes without a valid token) per IP per minute. */
  newVisitorsPerMinute: number;
  /** Open sockets per IP, all processes together: bounds the memory one address can hold. */
  socketsPerIp: number;
  /** Conversations started per visitor per hour, and per IP per hour. */
  conversationsPerVisitorHour: number;
  conversationsPerIpHour: number;
  /** Messages per visitor per 10 s: a burst of this many, then the rate it allows. */
  visitorMessagesPer10s: number;
}

export const DEFAULT_ABUSE: AbuseConfig = {
  // Generous enough for a shop's visitors behind one corporate NAT, small enough to stop a script.
  connectionsPerMinute: 120,
  newVisitorsPerMinute: 60,
  socketsPerIp: 500,
  conversationsPerVisitorHour: 10,
  conversationsPerIpHour: 60,
  // A burst of 20, two a second sustained: more than any person types.
  visitorMessagesPer10s: 20,
};

export class AbuseLimits {
  private readonly connections: RateLimiterAbstract;
  private readonly newVisitors: RateLimiterAbstract;
  private readonly messages: RateLimiterAbstract;
  private readonly conversationsPerVisitor: RateLimiterAbstract;
  private readonly conversationsPerIp: RateLimiterAbstract;
  constructor(
    private readonly bus: Bus,
    private readonly config: AbuseConfig,
  ) {
    this.connections = bus.limiter({ keyPrefix: 'conn-ip', points: config.connectionsPerMinute, durationSeconds: 60 });
    this.newVisitors = bus.limiter({ keyPrefix: 'new-visitor-ip', points: config.newVisitorsPerMinute, durationSeconds: 60 });
    this.messages = bus.limiter({ keyPrefix: 'msg-visitor', points: config.visitorMessagesPer10s, durationSeconds: 10 });
    this.conversationsPerVisitor = bus.limiter({ keyPrefix: 'conv-visitor', points: config.conversationsPerVisitorHour, durationSeconds: 3600 });
    this.conversationsPerIp = bus.limiter({ keyPrefix: 'conv-ip', points: config.conversationsPerIpHour, durationSeconds: 3600 });
  }

  async connection(ip: string): Promise<void> {
    await consume(this.connections, ip, 'Too many connections from your address; try again in a minute.');
  }

  async newVisitor(ip: string): Promise<void> {
    await consume(this.newVisitors, ip, 'Too many new visitors from your address; try again in a minute.');
  }

  async message(visitorId: string): Promise<void> {
    await consume(this.messages, visitorId, 'You are sending messages too fast; wait a moment.');
  }

  async newConversation(visitorId: string, ip: string): Promise<void> {
    await consume(this.conversationsPerVisitor, visitorId, 'Too many new conversations; try again later.');
    await consume(this.conversationsPerIp, ip, 'Too many new conversations from your address; try again later.');
  }

  /** Count one more open socket for this IP; false when the address is at its cap (nothing counted then). */
  openSocket(ip: string): Promise<boolean> {
    return this.bus.sockets.open(ip, this.config.socketsPerIp);
  }

  closeSocket(ip: string): void {
    void this.bus.sockets.close(ip).catch(() => {});
  }
}

/** The client's address: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(handshake: { address: string; headers: Record<string, string | string[] | undefined> }, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return handshake.address;
}
