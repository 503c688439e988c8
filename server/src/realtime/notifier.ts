import {
  AGENT_NAMESPACE,
  VISITOR_NAMESPACE,
  type AgentServerToClient,
  type Message,
  type VisitorServerToClient,
} from '@causette/shared';
import type { Server } from 'socket.io';
import { VISITOR_LINK_TTL_MS, type FileLinks } from '../attachments/links.js';
import type { Audience, Notifier } from '../domain/notifier.js';

export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  siteAgents: (siteId: string) => `site:${siteId}:agents`,
  siteVisitors: (siteId: string) => `site:${siteId}:visitors`,
  /** Supervisors and admins of a site: they see every team's chats. */
  siteSupervisors: (siteId: string) => `site:${siteId}:supervisors`,
  team: (teamId: string) => `team:${teamId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  authSession: (sessionId: string) => `authsession:${sessionId}`,
};

/** The domain's Notifier over Socket.IO rooms; with the Redis adapter the same calls reach every process. */
export class SocketNotifier implements Notifier {
  private io: Server | undefined;
  private fileLinks: FileLinks | undefined;

  attach(io: Server): void {
    this.io = io;
  }

  /** A visitor has no session a file download could check: files reach them behind signed, expiring links. */
  signFilesWith(links: FileLinks): void {
    this.fileLinks = links;
  }

  toVisitor<E extends keyof VisitorServerToClient>(visitorId: string, event: E, ...args: Parameters<VisitorServerToClient[E]>): void {
    if (event === 'message:new' && this.fileLinks) args = [this.fileLinks.message(args[0] as Message, VISITOR_LINK_TTL_MS)] as typeof args;
    this.io?.of(VISITOR_NAMESPACE).to(rooms.visitor(visitorId)).emit(event, ...(args as unknown[]));
  }

  toSiteAgents<E extends keyof AgentServerToClient>(siteId: string, event: E, ...args: Parameters<AgentServerToClient[E]>): void {
    this.io?.of(AGENT_NAMESPACE).to(rooms.siteAgents(siteId)).emit(event, ...(args as unknown[]));
  }

  toConversationAgents<E extends keyof AgentServerToClient>(conv: Audience, event: E, ...args: Parameters<AgentServerToClient[E]>): void {
    this.io?.of(AGENT_NAMESPACE).to(this.audience(conv)).emit(event, ...(args as unknown[]));
  }

  dropFromOutsiders(conv: Audience & { id: string }): void {
    if (!conv.teamId) return;
    this.io?.of(AGENT_NAMESPACE).to(rooms.siteAgents(conv.siteId)).except(this.audience(conv)).emit('conversation:remove', { conversationId: conv.id });
  }

  syncTeamRoom(teamId: string, joined: string[], left: string[]): void {
    const nsp = this.io?.of(AGENT_NAMESPACE);
    if (!nsp) return;
    if (joined.length) nsp.in(joined.map(rooms.agent)).socketsJoin(rooms.team(teamId));
    if (left.length) nsp.in(left.map(rooms.agent)).socketsLeave(rooms.team(teamId));
  }

  private audience(conv: Audience): string[] {
    if (!conv.teamId) return [rooms.siteAgents(conv.siteId)];
    return [rooms.team(conv.teamId), rooms.siteSupervisors(conv.siteId), ...(conv.assigneeId ? [rooms.agent(conv.assigneeId)] : [])];
  }

  toSiteVisitors<E extends keyof VisitorServerToClient>(siteId: string, event: E, ...args: Parameters<VisitorServerToClient[E]>): void {
    this.io?.of(VISITOR_NAMESPACE).to(rooms.siteVisitors(siteId)).emit(event, ...(args as unknown[]));
  }

  endAuthSession(sessionId: string, reason: string): void {
    this.end(rooms.authSession(sessionId), reason);
  }

  endAgent(agentId: string, reason: string): void {
    this.end(rooms.agent(agentId), reason);
  }

  endVisitor(visitorId: string, reason: string): void {
    const nsp = this.io?.of(VISITOR_NAMESPACE);
    if (!nsp) return;
    nsp.to(rooms.visitor(visitorId)).emit('session:end', { reason });
    // A moment later, so that the ack of the tab that asked (and the event itself) go out first.
    setTimeout(() => nsp.in(rooms.visitor(visitorId)).disconnectSockets(true), 500).unref();
  }

  async agentsOnline(siteId?: string): Promise<string[]> {
    const nsp = this.io?.of(AGENT_NAMESPACE);
    if (!nsp) return [];
    // One request to every process (with the Redis adapter), whatever the number of sites.
    const sockets = await (siteId === undefined ? nsp.fetchSockets() : nsp.in(rooms.siteAgents(siteId)).fetchSockets());
    return [...new Set(sockets.map((s) => (s.data as { agentId: string }).agentId))];
  }

  async visitorsOnline(siteId: string): Promise<string[]> {
    const nsp = this.io?.of(VISITOR_NAMESPACE);
    if (!nsp) return [];
    const sockets = await nsp.in(rooms.siteVisitors(siteId)).fetchSockets();
    return [...new Set(sockets.map((s) => (s.data as { visitorId: string }).visitorId))];
  }

  private end(room: string, reason: string): void {
    const nsp = this.io?.of(AGENT_NAMESPACE);
    if (!nsp) return;
    nsp.to(room).emit('session:end', { reason });
    nsp.in(room).disconnectSockets(true);
  }
}
