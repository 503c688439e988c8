import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors.js';
import { stateChangeAllowed } from '../domain/origins.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF: a state-changing `/api` request from a browser must come from the console's origins (the same list as
 * the `/agent` socket's handshake). SameSite=Lax does not stop a page on another origin of the same site, and a
 * body-less POST needs no preflight. The visitor upload (`/files/visitor`) checks the site's own origins instead.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (req) => {
      if (!STATE_CHANGING.has(req.method) || !req.url.startsWith('/api/')) return;
      const h = req.headers;
      const site = Array.isArray(h['sec-fetch-site']) ? h['sec-fetch-site'][0] : h['sec-fetch-site'];
      if (!stateChangeAllowed(app.config.consoleOrigins, h.origin, h.host, site)) {
        throw new DomainError('origin_not_allowed', "Changes are accepted from the console's own pages only.");
      }
    });
  },
  { name: 'origin-check', dependencies: ['services'] },
);
