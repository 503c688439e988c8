import type { Agent, Capability } from '@causette/shared';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors.js';
import { assertCan } from '../domain/permissions.js';

export const SESSION_COOKIE = 'causette_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the caller must be allowed to do (see shared/permissions.ts); the route is then for signed-in agents only. */
    capability?: Capability;
    /** Open without a sign-in (sign-in itself, probes): said out loud, so that no route forgets its capability. */
    public?: true;
    /** Open to an agent who still has to set up a required two-factor sign-in (enrolment, sign-out, who am I). */
    allowWithoutTwoFactor?: boolean;
  }
  interface FastifyRequest {
    agent: Agent | null;
    /** The sign-in (hashed token) the request came with. */
    authSessionId: string | null;
  }
  interface FastifyInstance {
    /** `/api` routes that declare neither a capability nor `public` (a test keeps this empty). */
    undeclaredRoutes: string[];
  }
}

/**
 * Every `/api` route declares the capability it needs (`config: { capability: 'conversations.read' }`); one hook
 * signs the request in from the session cookie and checks that capability, before the body is even read.
 */
export default fp(
  async (app) => {
    app.decorateRequest('agent', null);
    app.decorateRequest('authSessionId', null);
    const signIn = async (req: FastifyRequest): Promise<Agent> => {
      const who = await app.services.auth.resolve(req.cookies[SESSION_COOKIE]);
      if (!who) throw new DomainError('unauthenticated', 'Sign in first.');
      // An admin's rule: until this account has two-factor, everything but setting it up is closed.
      if (who.twoFactorMissing && !req.routeOptions.config.allowWithoutTwoFactor) {
        throw new DomainError('two_factor_required', 'Set up two-factor sign-in first: your admin requires it.');
      }
      req.agent = who.agent;
      req.authSessionId = who.sessionId;
      return who.agent;
    };
    // Read when asked, not when the route is added: a plugin's own onRoute hook may still declare it (the API docs).
    const routes: Array<{ method: unknown; url: string; config?: unknown }> = [];
    app.decorate('undeclaredRoutes', {
      getter: () =>
        routes
          .filter((r) => {
            const config = (r.config ?? {}) as { capability?: Capability; public?: true };
            return r.url.startsWith('/api/') && !config.capability && !config.public && r.method !== 'HEAD';
          })
          .map((r) => `${String(r.method)} ${r.url}`),
    });
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    app.addHook('onRequest', async (req) => {
      const capability = req.routeOptions.config?.capability;
      if (capability) assertCan(await signIn(req), capability);
    });
  },
  { name: 'auth', dependencies: ['services', '@fastify/cookie'] },
);
