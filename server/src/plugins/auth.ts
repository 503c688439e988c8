import type { Agent } from '@causette/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors.js';

export const SESSION_COOKIE = 'causette_session';

declare module 'fastify' {
  interface FastifyRequest {
    agent: Agent | null;
  }
  interface FastifyInstance {
    requireAgent: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAdmin: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

/** Route guards: `preHandler: app.requireAgent` signs the request in from the session cookie or refuses it. */
export default fp(
  async (app) => {
    app.decorateRequest('agent', null);
    const requireAgent = async (req: FastifyRequest) => {
      const who = await app.services.auth.resolve(req.cookies[SESSION_COOKIE]);
      if (!who) throw new DomainError('unauthenticated', 'Sign in first.');
      req.agent = who.agent;
    };
    app.decorate('requireAgent', requireAgent);
    app.decorate('requireAdmin', async (req: FastifyRequest) => {
      await requireAgent(req);
      if (req.agent?.role !== 'admin') throw new DomainError('forbidden', 'Only an admin may do this.');
    });
  },
  { name: 'auth', dependencies: ['services', '@fastify/cookie'] },
);
