import type { AgentServerToClient, VisitorServerToClient } from '@causette/shared';

/**
 * How the domain tells connected clients that something happened, without knowing about sockets.
 * The realtime layer implements it with Socket.IO rooms.
 */
export interface Notifier {
  toVisitor<E extends keyof VisitorServerToClient>(visitorId: string, event: E, ...args: Parameters<VisitorServerToClient[E]>): void;
  toSiteAgents<E extends keyof AgentServerToClient>(siteId: string, event: E, ...args: Parameters<AgentServerToClient[E]>): void;
  /** Every visitor of the site connected now (e.g. agents' availability). */
  toSiteVisitors<E extends keyof VisitorServerToClient>(siteId: string, event: E, ...args: Parameters<VisitorServerToClient[E]>): void;
  /** Close every socket of this sign-in, at once. */
  endAuthSession(authSessionId: string, reason: string): void;
  /** Close every socket of this agent, at once. */
  endAgent(agentId: string, reason: string): void;
  /** Tell every tab of this visitor the session is over, and close them. */
  endVisitor(visitorId: string, reason: string): void;
  /** Ids of the agents connected to this site right now, across processes. */
  agentsOnline(siteId: string): Promise<string[]>;
  /** Ids of the visitors connected to this site right now, across processes. */
  visitorsOnline(siteId: string): Promise<string[]>;
}

/** For tools (CLI) and tests that run the domain with no one listening. */
export const silentNotifier: Notifier = {
  toVisitor() {},
  toSiteAgents() {},
  toSiteVisitors() {},
  endAuthSession() {},
  endAgent() {},
  endVisitor() {},
  async agentsOnline() {
    return [];
  },
  async visitorsOnline() {
    return [];
  },
};
