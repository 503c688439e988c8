import type { AgentServerToClient, VisitorServerToClient } from '@causette/shared';

/**
 * How the domain tells connected clients that something happened, without knowing about sockets.
 * The realtime layer implements it with Socket.IO rooms.
 */
export interface Audience {
  siteId: string;
  teamId: string | null;
  assigneeId: string | null;
}

export interface Notifier {
  toVisitor<E extends keyof VisitorServerToClient>(visitorId: string, event: E, ...args: Parameters<VisitorServerToClient[E]>): void;
  toSiteAgents<E extends keyof AgentServerToClient>(siteId: string, event: E, ...args: Parameters<AgentServerToClient[E]>): void;
  /**
   * The agents who may see this conversation: everyone on the site for a chat in no team; for a team's chat,
   * its members, the site's supervisors and admins, and whoever holds it.
   */
  toConversationAgents<E extends keyof AgentServerToClient>(conv: Audience, event: E, ...args: Parameters<AgentServerToClient[E]>): void;
  /** The conversation moved into a team: agents outside it drop it from their lists. */
  dropFromOutsiders(conv: Audience & { id: string }): void;
  /** Team membership changed: the members' open consoles join or leave the team's room. */
  syncTeamRoom(teamId: string, joined: string[], left: string[]): void;
  /** Every visitor of the site connected now (e.g. agents' availability). */
  toSiteVisitors<E extends keyof VisitorServerToClient>(siteId: string, event: E, ...args: Parameters<VisitorServerToClient[E]>): void;
  /** Close every socket of this sign-in, at once. */
  endAuthSession(authSessionId: string, reason: string): void;
  /** Close every socket of this agent, at once. */
  endAgent(agentId: string, reason: string): void;
  /** Tell every tab of this visitor the session is over, and close them. */
  endVisitor(visitorId: string, reason: string): void;
  /** Ids of the agents connected to this site right now (to any site without one), across processes. */
  agentsOnline(siteId?: string): Promise<string[]>;
  /** Ids of the visitors connected to this site right now, across processes. */
  visitorsOnline(siteId: string): Promise<string[]>;
}

/** For tools (CLI) and tests that run the domain with no one listening. */
export const silentNotifier: Notifier = {
  toVisitor() {},
  toSiteAgents() {},
  toSiteVisitors() {},
  toConversationAgents() {},
  dropFromOutsiders() {},
  syncTeamRoom() {},
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
