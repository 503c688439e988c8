import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditRecorder } from '../domain/audit.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Records audit entries as this request's agent, from its address: one line per audited change in a route. */
    audit: AuditRecorder;
  }
}

export default fp(
  async (app) => {
    // A getter: the actor is read when an entry is recorded, after the route's guard has signed the request in.
    app.decorateRequest('audit', {
      getter(this: FastifyRequest) {
        return app.services.audit.by(() => ({ agent: this.agent, ip: this.ip, userAgent: this.headers['user-agent'] ?? '' }));
      },
    });
  },
  { name: 'audit', dependencies: ['services', 'auth'] },
);
