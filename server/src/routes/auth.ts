import { Agent, LoginBody, LoginReply, SecondFactorBody } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditTarget } from '../domain/audit.js';
import { SESSION_TTL_MS, type SignedIn, type SignInContext } from '../domain/auth.js';
import { DomainError } from '../domain/errors.js';
import { LoginThrottle } from '../domain/login-throttle.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { publicAgent } from '../domain/mappers.js';
import { withErrors } from './schemas.js';

const AgentReply = Type.Object({ agent: Agent });

export const signInContext = (req: FastifyRequest): SignInContext => ({ userAgent: req.headers['user-agent'] ?? '', ip: req.ip });

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, signedIn: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, signedIn.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const throttle = new LoginThrottle(app.services.bus);
  // Wrong codes cost like wrong passwords, counted per account: a stolen password does not buy unlimited guesses.
  const codeThrottle = new LoginThrottle(app.services.bus, 'second-factor');
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie, or asks for the second factor with a short-lived ticket',
        body: LoginBody,
        response: withErrors({ 200: LoginReply }),
      },
    },
    async (req, reply) => {
      await throttle.check(req.body.email);
      let outcome;
      try {
        outcome = await app.services.auth.login(req.body.email, req.body.password, signInContext(req));
      } catch (err) {
        if (err instanceof DomainError && err.code === 'unauthenticated') await Promise.all([throttle.failed(req.body.email), req.audit.signInFailed(req.body.email)]);
        throw err;
      }
      await throttle.succeeded(req.body.email);
      if (outcome.kind === 'second_factor') return { secondFactor: 'totp' as const, ticket: outcome.ticket, expiresAt: outcome.expiresAt };
      await req.audit.signedIn(outcome.agent);
      setSessionCookie(req, reply, outcome);
      return { agent: outcome.agent };
    },
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Finish a two-factor sign-in with a code from the app or an unused recovery code; sets the session cookie',
        body: SecondFactorBody,
        response: withErrors({ 200: AgentReply }),
      },
    },
    async (req, reply) => {
      const { ticket, code, recoveryCode } = req.body;
      if ((code === undefined) === (recoveryCode === undefined)) throw new DomainError('bad_request', 'Send either a code or a recovery code.');
      const agentId = await app.services.auth.ticketAgent(ticket);
      if (agentId) await codeThrottle.check(agentId);
      let signedIn;
      try {
        signedIn = await app.services.auth.completeSecondFactor(ticket, { code, recoveryCode }, signInContext(req));
      } catch (err) {
        if (agentId && err instanceof DomainError && err.code === 'unauthenticated') {
          await codeThrottle.failed(agentId);
          const agent = await app.services.store.agents.byId(agentId);
          if (agent) await req.audit.record('auth.second_factor_failed', auditTarget.agent(publicAgent(agent)));
        }
        throw err;
      }
      await codeThrottle.succeeded(signedIn.agent.id);
      await req.audit.signedIn(signedIn.agent);
      setSessionCookie(req, reply, signedIn);
      return { agent: signedIn.agent };
    },
  );

  app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: 'Sign out; ends every socket of this sign-in' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    req.agent = token ? ((await app.services.auth.resolve(token))?.agent ?? null) : null;
    if (token) await app.services.auth.logout(token);
    if (req.agent) await req.audit.record('auth.signed_out', auditTarget.agent(req.agent));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: 'The signed-in agent', response: withErrors({ 200: AgentReply }) },
      config: { capability: 'session.read', allowWithoutTwoFactor: true },
    },
    async (req) => ({ agent: req.agent! }),
  );
};
export default routes;
