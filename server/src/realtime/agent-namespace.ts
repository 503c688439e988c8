import { AGENT_NAMESPACE, type Agent, type AgentClientToServer, type AgentServerToClient, type Capability } from '@causette/shared';
import type { Server, Socket } from 'socket.io';
import { siteIdsFor } from '../domain/access.js';
import { DomainError } from '../domain/errors.js';
import { originAllowed } from '../domain/origins.js';
import { assertCan, can } from '../domain/permissions.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import type { Services } from '../services.js';
import { guarded, refuseUnknown, type HandlerContext } from './handler.js';
import { rooms } from './notifier.js';
import { agentValidators as v } from './validate.js';

interface AgentSocketData {
  ip: string;
  agentId: string;
  sessionId: string;
  /** Kept in process memory only, to re-check the sign-in on every event. */
  token: string;
  siteIds: string[];
  /** Rooms beyond the agent's own: their sites, their teams, and the supervisors' rooms for supervisors. */
  rooms: string[];
}
type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, object, AgentSocketData>;

export function registerAgentNamespace(
  io: Server,
  services: Services,
  ctx: HandlerContext,
  parseCookie: (header: string) => Record<string, string | undefined>,
  requeueGraceMs: number,
  consoleOrigins: string[] = ['self'],
): void {
  const nsp = io.of(AGENT_NAMESPACE);
  const { auth, chat, visitors, store } = services;

  nsp.use(async (socket, next) => {
    try {
      // Cross-site WebSocket hijacking: a page elsewhere must not open the console's socket with the agent's
      // cookies. Only the console's own origin (or ones the operator lists) may connect.
      const h = socket.handshake.headers;
      if (!originAllowed(consoleOrigins, h.origin, h.host, h['sec-fetch-site'] as string | undefined)) return next(new Error('origin_not_allowed'));
      const ip = ctx.ipOf(socket.handshake);
      await ctx.abuse.connection(ip);
      const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const who = await auth.resolve(token);
      if (!who || !token) return next(new Error('unauthenticated'));
      if (who.twoFactorMissing) return next(new Error('two_factor_required'));
      // The socket carries chats only: a role that may not read them (a marketer) has no use for it.
      if (!can(who.agent, 'conversations.read')) return next(new Error('forbidden'));
      const siteIds = await siteIdsFor(store, who.agent);
      const supervising = can(who.agent, 'conversations.supervise');
      const extra = [
        ...siteIds.map(rooms.siteAgents),
        ...(await store.teams.idsOf(who.agent.id)).map(rooms.team),
        ...(supervising ? siteIds.map(rooms.siteSupervisors) : []),
      ];
      if (!(await ctx.abuse.openSocket(ip))) return next(new Error('rate_limited'));
      socket.data = { ip, agentId: who.agent.id, sessionId: who.sessionId, token, siteIds, rooms: extra };
      next();
    } catch (err) {
      if (err instanceof DomainError) return next(new Error(err.code));
      ctx.log.error({ err }, 'agent handshake failed');
      next(new Error('internal'));
    }
  });

  nsp.on('connection', (raw) => {
    const socket = raw as AgentSocket;
    const d = socket.data;
    const key = () => `a:${d.agentId}`;
    // Rooms before anything else, so that nothing emitted after an `inbox:sync` can be missed.
    void socket.join([rooms.agent(d.agentId), rooms.authSession(d.sessionId), ...d.rooms]);

    // Authorisation is checked on every event, not only at the handshake: a sign-out or a disabled
    // account takes effect on the very next event.
    const current = async (): Promise<Agent> => {
      const who = await auth.resolve(d.token);
      if (!who) {
        socket.emit('session:end', { reason: 'signed_out' });
        socket.disconnect(true);
        throw new DomainError('unauthenticated', 'Your session has ended; sign in again.');
      }
      if (who.twoFactorMissing) throw new DomainError('two_factor_required', 'Set up two-factor sign-in first: your admin requires it.');
      return who.agent;
    };
    // Each event says what it needs, checked on every call with the agent as the store has them now.
    const on = <P, R extends object>(event: keyof typeof v, capability: Capability, run: (agent: Agent, p: P) => Promise<R | void>) =>
      socket.on(
        event,
        guarded(ctx, event, v[event], key, async (p: P) => {
          const agent = await current();
          assertCan(agent, capability);
          return run(agent, p);
        }),
      );

    refuseUnknown(socket, ctx, v, key);
    on('inbox:sync', 'conversations.read', (agent) => chat.inbox(agent));
    // An agent arriving is new capacity: waiting chats on auto-routed sites go out now.
    void Promise.all(d.siteIds.map(async (siteId) => {
      await chat.drain(siteId);
      await chat.announceAvailability(siteId);
    })).catch((err) => ctx.log.warn({ err }, 'drain failed'));
    on('conversation:take', 'conversations.reply', async (agent, p: { conversationId: string }) => ({ conversation: await chat.take(agent, p.conversationId) }));
    on('conversation:close', 'conversations.reply', async (agent, p: { conversationId: string }) => ({ conversation: await chat.close(agent, p.conversationId) }));
    on('message:send', 'conversations.reply', async (agent, p: { conversationId: string; clientId: string; body: string; kind?: 'text' | 'note'; attachmentId?: string }) => {
      const r = await chat.agentSend(agent, p);
      if (!r.duplicate) ctx.stored?.('agent');
      return { seq: r.message.seq, message: r.message, duplicate: r.duplicate };
    });
    on('message:sync', 'conversations.read', (agent, p: { conversationId: string; afterSeq: number }) => chat.agentSync(agent, p.conversationId, p.afterSeq));
    on('typing:set', 'conversations.reply', (agent, p: { conversationId: string; typing: boolean }) => chat.agentTyping(agent, p.conversationId, p.typing));
    on('read:mark', 'conversations.reply', (agent, p: { conversationId: string; seq: number }) => chat.agentRead(agent, p.conversationId, p.seq));
    on('message:delivered', 'conversations.reply', (agent, p: { conversationId: string; seq: number }) => chat.agentDelivered(agent, p.conversationId, p.seq));
    on('conversation:transfer', 'conversations.reply', async (agent, p: { conversationId: string; toAgentId?: string; toTeamId?: string; note?: string }) => ({
      conversation: await chat.transfer(agent, p),
    }));
    on('conversation:takeover', 'conversations.supervise', async (agent, p: { conversationId: string }) => ({ conversation: await chat.takeover(agent, p.conversationId) }));
    on('supervisor:overview', 'conversations.supervise', (agent) => chat.overview(agent));
    on('conversation:start', 'conversations.reply', (agent, p: { visitorId: string; clientId: string; body: string }) => chat.startWith(agent, p));
    on('agent:status', 'conversations.reply', (agent, p: { status: 'online' | 'away' }) => chat.setStatus(agent, p.status));

    // Gone for longer than the grace period (on every process): their chats return to the queue.
    socket.on('disconnect', () => {
      ctx.abuse.closeSocket(d.ip);
      // The last agent leaving turns the widget's chat into the leave-a-message form.
      setImmediate(() => {
        for (const siteId of d.siteIds) void chat.announceAvailability(siteId).catch((err) => ctx.log.warn({ err }, 'availability failed'));
      });
      setTimeout(async () => {
        try {
          if (!(await services.notifier.agentsOnline()).includes(d.agentId)) await chat.requeueAgent(d.agentId);
        } catch (err) {
          ctx.log.warn({ err }, 'requeue failed');
        }
      }, requeueGraceMs).unref();
    });
    on('visitor:context', 'conversations.read', async (agent, p: { visitorId: string }) => {
      const visitor = await store.visitors.byId(p.visitorId);
      if (!visitor || !(await siteIdsFor(store, agent)).includes(visitor.siteId)) throw new DomainError('not_found', 'No such visitor.');
      return { context: await visitors.context(p.visitorId) };
    });

  });
}
