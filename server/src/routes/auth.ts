import { Agent, LoginBody } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditTarget } from '../domain/audit.js';
import { SESSION_TTL_MS } from '../domain/auth.js';
import { DomainError } from '../domain/errors.js';
import { LoginThrottle } from '../domain/login-throttle.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { withErrors } from './schemas.js';

const AgentReply = Type.Object({ agent: Agent });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const throttle = new LoginThrottle(app.services.bus);
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginBody, response: withErrors({ 200: AgentReply }) },
    },
    async (req, reply) => {
      await throttle.check(req.body.email);
      let signedIn;
      try {
        signedIn = await app.services.auth.login(req.body.email, req.body.password);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'unauthenticated') await Promise.all([throttle.failed(req.body.email), req.audit.signInFailed(req.body.email)]);
        throw err;
      }
      await throttle.succeeded(req.body.email);
      const { token, agent } = signedIn;
      await req.audit.signedIn(agent);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return { agent };
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
    { schema: { tags: ['auth'], summary: 'The signed-in agent', response: withErrors({ 200: AgentReply }) }, config: { capability: 'session.read' } },
    async (req) => ({ agent: req.agent! }),
  );
};
export default routes;
