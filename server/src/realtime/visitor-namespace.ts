import { canonicalTimeZone, VISITOR_NAMESPACE, VisitorHandshake, type Message, type VisitorClientToServer, type VisitorPayload, type VisitorServerToClient } from '@causette/shared';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Server, Socket } from 'socket.io';
import { VISITOR_LINK_TTL_MS } from '../attachments/links.js';
import { DomainError } from '../domain/errors.js';
import { consume } from '../domain/rate-limit.js';
import { originAllowed } from '../domain/origins.js';
import type { Services } from '../services.js';
import { guarded, refuseUnknown, type HandlerContext } from './handler.js';
import { rooms } from './notifier.js';
import { visitorValidators as v } from './validate.js';

interface VisitorSocketData {
  ip: string;
  visitorId: string;
  siteId: string;
  sessionId: string;
  token: string;
  /** The session's time zone and page language as stored: written again only when the widget says otherwise. */
  locale: { timeZone: string; widgetLanguage: string };
}
type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, object, VisitorSocketData>;

const handshakeCheck = TypeCompiler.Compile(VisitorHandshake);

function firstLanguage(header: string | undefined): string {
  return (header ?? '').split(',')[0]?.split(';')[0]?.trim() ?? '';
}

export function registerVisitorNamespace(io: Server, services: Services, ctx: HandlerContext): void {
  const nsp = io.of(VISITOR_NAMESPACE);
  const { store, visitors, chat, bus, triggers, fileLinks } = services;
  // What leaves for a widget carries its files behind signed links that expire: visitors have no session to check.
  const signed = (m: Message) => fileLinks.message(m, VISITOR_LINK_TTL_MS);
  // Each left message starts a pending conversation someone must read: a handful per visitor per 10 minutes.
  const leaveLimiter = bus.limiter({ keyPrefix: 'leave', points: 5, durationSeconds: 600 });
  // Each transcript is an email to an address the visitor types: a few per visitor per 10 minutes.
  const transcriptLimiter = bus.limiter({ keyPrefix: 'transcript', points: 3, durationSeconds: 600 });

  nsp.use(async (socket, next) => {
    try {
      const ip = ctx.ipOf(socket.handshake);
      await ctx.abuse.connection(ip);
      const auth = socket.handshake.auth as unknown;
      if (!handshakeCheck.Check(auth)) return next(new Error('bad_request'));
      const site = await store.sites.byKey(auth.siteKey);
      if (!site) return next(new Error('not_found'));
      const h = socket.handshake.headers;
      if (!originAllowed(site.allowedOrigins, h.origin, h.host, h['sec-fetch-site'] as string | undefined)) {
        return next(new Error('origin_not_allowed'));
      }
      // A place among the address's open sockets before anything is spent (a resume link is single-use); released
      // on disconnect, or here when the handshake fails after all.
      if (!(await ctx.abuse.openSocket(ip))) return next(new Error('rate_limited'));
      try {
        // A resume link from an email: valid, unexpired and unused, it is spent and this browser becomes its visitor.
        const resumed = auth.resume ? await services.email.links.redeem(auth.resume, site.id) : null;
        const { visitor, session, token } = await visitors.connect(site, {
          token: resumed?.visitorToken ?? auth.token,
          userAgent: socket.handshake.headers['user-agent'] ?? '',
          language: firstLanguage(socket.handshake.headers['accept-language']),
          // Set by a CDN or proxy in front of Causette, when there is one.
          country: [h['cf-ipcountry'], h['x-vercel-ip-country'], h['x-country-code']].find((v): v is string => typeof v === 'string' && /^[A-Za-z]{2}$/.test(v)),
          beforeNewVisitor: () => ctx.abuse.newVisitor(ip),
        });
        socket.data = { ip, visitorId: visitor.id, siteId: site.id, sessionId: session.id, token, locale: { timeZone: session.timeZone, widgetLanguage: session.widgetLanguage } };
      } catch (err) {
        ctx.abuse.closeSocket(ip);
        throw err;
      }
      next();
    } catch (err) {
      if (err instanceof DomainError) return next(new Error(err.code));
      ctx.log.error({ err }, 'visitor handshake failed');
      next(new Error('internal'));
    }
  });

  nsp.on('connection', async (raw) => {
    const socket = raw as VisitorSocket;
    const d = socket.data;
    const who = { visitorId: d.visitorId, siteId: d.siteId };
    const ref = { ...who, sessionId: d.sessionId };
    const key = () => `v:${d.visitorId}`;
    // Join before handlers run anything: events for this visitor from now on reach this socket.
    void socket.join([rooms.visitor(d.visitorId), rooms.siteVisitors(d.siteId)]);
    refuseUnknown(socket, ctx, v, key);

    socket.on(
      'session:resume',
      guarded(ctx, 'session:resume', v['session:resume'], key, async (p: VisitorPayload<'session:resume'>) => {
        const locale = { timeZone: canonicalTimeZone(p.timeZone), widgetLanguage: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(p.language ?? '') ? p.language! : '' };
        // Every page load resumes: the session is written only when something changed.
        if (locale.timeZone !== d.locale.timeZone || locale.widgetLanguage !== d.locale.widgetLanguage) {
          await store.sessions.setLocale(d.sessionId, locale);
          d.locale = locale;
        }
        const site = await store.sites.byId(d.siteId);
        const [state, agentsOnline, opening, teams] = await Promise.all([
          chat.visitorResume(who, p),
          chat.agentsAvailable(d.siteId),
          chat.opening(d.siteId),
          chat.prechatTeams(d.siteId, site ?? undefined),
        ]);
        return {
          token: d.token,
          visitorId: d.visitorId,
          site: { name: site?.name ?? '', settings: site!.settings, email: services.email.enabled, teams },
          ...state,
          messages: state.messages.map(signed),
          agentsOnline,
          opening,
        };
      }),
    );
    socket.on(
      'message:send',
      guarded(ctx, 'message:send', v['message:send'], key, async (p: VisitorPayload<'message:send'>) => {
        await ctx.abuse.message(d.visitorId);
        const r = await chat.visitorSend(who, p, { beforeNewConversation: () => ctx.abuse.newConversation(d.visitorId, d.ip) });
        if (!r.duplicate) ctx.stored?.('visitor');
        return { seq: r.message.seq, message: signed(r.message), conversation: r.conversation, duplicate: r.duplicate };
      }),
    );
    socket.on(
      'message:leave',
      guarded(ctx, 'message:leave', v['message:leave'], key, async (p: { clientId: string; email: string; name?: string; body: string }) => {
        await consume(leaveLimiter, d.visitorId, 'Too many messages left; try again in a few minutes.');
        if (!(await store.conversations.openFor(d.visitorId))) await ctx.abuse.newConversation(d.visitorId, d.ip);
        const r = await chat.leaveMessage(who, p);
        if (!r.duplicate) ctx.stored?.('visitor');
        return { ...r, message: signed(r.message) };
      }),
    );
    socket.on(
      'transcript:request',
      guarded(ctx, 'transcript:request', v['transcript:request'], key, async (p: VisitorPayload<'transcript:request'>) => {
        if (!services.email.enabled) throw new DomainError('unavailable', 'Email is not set up on this server, so the transcript cannot be sent.');
        await consume(transcriptLimiter, d.visitorId, 'Too many transcripts asked for; try again in a few minutes.');
        return services.email.transcript(who, p);
      }),
    );
    socket.on(
      'message:delivered',
      guarded(ctx, 'message:delivered', v['message:delivered'], key, (p: { conversationId: string; seq: number }) =>
        chat.visitorDelivered(who, p.conversationId, p.seq),
      ),
    );
    socket.on(
      'conversation:rate',
      guarded(ctx, 'conversation:rate', v['conversation:rate'], key, async (p: { conversationId: string; score: number; comment?: string }) => ({
        conversation: await chat.rate(who, p),
      })),
    );
    socket.on(
      'conversation:list',
      guarded(ctx, 'conversation:list', v['conversation:list'], key, async () => ({ conversations: await chat.visitorHistory(who) })),
    );
    socket.on(
      'message:sync',
      guarded(ctx, 'message:sync', v['message:sync'], key, async (p: { conversationId: string; afterSeq: number }) => {
        const page = await chat.visitorSync(who, p.conversationId, p.afterSeq);
        return { ...page, messages: page.messages.map(signed) };
      }),
    );
    socket.on(
      'typing:set',
      guarded(ctx, 'typing:set', v['typing:set'], key, (p: { conversationId: string; typing: boolean; draft?: string }) =>
        chat.visitorTyping(who, p.conversationId, p.typing, p.draft),
      ),
    );
    socket.on(
      'read:mark',
      guarded(ctx, 'read:mark', v['read:mark'], key, (p: { conversationId: string; seq: number }) => chat.visitorRead(who, p.conversationId, p.seq)),
    );
    socket.on(
      'page:view',
      guarded(ctx, 'page:view', v['page:view'], key, async (p) => {
        await visitors.pageView(ref, p as never);
        await triggers.pageChanged(ref);
      }),
    );
    socket.on(
      'cart:update',
      guarded(ctx, 'cart:update', v['cart:update'], key, async (p) => {
        await visitors.cart(ref, p as never);
        await triggers.evaluate(ref);
      }),
    );
    socket.on(
      'event:track',
      guarded(ctx, 'event:track', v['event:track'], key, async (p: { name: string; props?: Record<string, unknown> }) => {
        await visitors.track(ref, p as never);
        const value = Number(p.props?.value ?? 0);
        if (p.name === 'purchase') await triggers.goal(ref, Number.isFinite(value) ? value : 0);
        await triggers.evaluate(ref);
      }),
    );
    socket.on('behaviour:report', guarded(ctx, 'behaviour:report', v['behaviour:report'], key, (p) => triggers.behaviour(ref, p as never)));
    socket.on('teaser:open', guarded(ctx, 'teaser:open', v['teaser:open'], key, (p: { impressionId: string }) => triggers.opened(ref, p.impressionId)));
    socket.on('teaser:dismiss', guarded(ctx, 'teaser:dismiss', v['teaser:dismiss'], key, (p: { impressionId: string }) => triggers.dismissed(ref, p.impressionId)));
    socket.on(
      'visitor:identify',
      guarded(ctx, 'visitor:identify', v['visitor:identify'], key, async (p) => {
        const site = await store.sites.byId(d.siteId);
        if (!site) return { verified: false };
        return visitors.identify(ref, site, p as never);
      }),
    );

    socket.on(
      'visitor:forget',
      guarded(ctx, 'visitor:forget', v['visitor:forget'], key, async () => {
        await services.privacy.erase(d.visitorId);
      }),
    );

    socket.on('disconnect', async () => {
      ctx.abuse.closeSocket(d.ip);
      try {
        if (await bus.presence.leave(d.visitorId)) {
          triggers.forget(d.visitorId);
          await visitors.publish(who);
        }
      } catch (err) {
        ctx.log.warn({ err }, 'presence update failed');
      }
    });
    try {
      if (await bus.presence.join(d.visitorId)) {
        await visitors.publish(who);
        // Back: a later reply, after they leave again, may be emailed again.
        await services.email.visitorBack(d.visitorId);
      }
    } catch (err) {
      ctx.log.warn({ err }, 'presence update failed');
    }
  });
}
