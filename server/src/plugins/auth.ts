import type { Agent } from '@causette/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors.js';

export const SESSION_COOKIE = 'causette_session';

declare module 'fastify' {
  interface FastifyRequest {
    agent: Agent | null;
    /** The sign-in (hashed token) the request came with. */
    authSessionId: string | null;
  }
  interface FastifyInstance {
    requireAgent: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAdmin: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyContextConfig {
    /** Open to an agent who still has to set up a required two-factor sign-in (enrolment, sign-out, who am I). */
    allowWithoutTwoFactor?: boolean;
  }
}

/** Route guards: `preHandler: app.requireAgent` signs the request in from the session cookie or refuses it. */
export default fp(
  async (app) => {
    app.decorateRequest('agent', null);
    app.decorateRequest('authSessionId', null);
    const requireAgent = async (req: FastifyRequest) => {
      const who = await app.services.auth.resolve(req.cookies[SESSION_COOKIE]);
      if (!who) throw new DomainError('unauthenticated', 'Sign in first.');
      // An admin's rule: until this account has two-factor, everything but setting it up is closed.
      if (who.twoFactorMissing && !req.routeOptions.config.allowWithoutTwoFactor) {
        throw new DomainError('two_factor_required', 'Set up two-factor sign-in first: your admin requires it.');
      }
      req.agent = who.agent;
      req.authSessionId = who.sessionId;
    };
    app.decorate('requireAgent', requireAgent);
    app.decorate('requireAdmin', async (req: FastifyRequest) => {
      await requireAgent(req);
      if (req.agent?.role !== 'admin') throw new DomainError('forbidden', 'Only an admin may do this.');
    });
  },
  { name: 'auth', dependencies: ['services', '@fastify/cookie'] },
);
