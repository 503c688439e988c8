import type { FastifyPluginAsync } from 'fastify';
import { emailLanguage, linkRefusedPage } from '../email/templates.js';

const TOKEN = /^[A-Za-z0-9_-]{1,900}\.[A-Za-z0-9_-]{1,100}$/;

/**
 * `GET /r/:token`, the link in a reply email. A valid link (signed, unexpired, unused) is not spent here: it
 * redirects to the visitor's last page with `#causette-resume=<token>`, and the widget there spends it on
 * connecting. Any other link gets a short page saying why it no longer works.
 */
const routes: FastifyPluginAsync = async (app) => {
  // A wildcard, not `:token`: a token is longer than the router's limit on a parameter.
  app.get<{ Params: { '*': string } }>('/r/*', { schema: { hide: true } }, async (req, reply) => {
    const token = req.params['*'];
    const target = TOKEN.test(token) ? await app.services.email.resumeTarget(token, req.headers.host) : ({ ok: false, reason: 'invalid' } as const);
    // Never cached or indexed: the answer changes once the link is used.
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex').header('referrer-policy', 'no-referrer');
    if (target.ok) return reply.redirect(target.url, 303);
    const lang = emailLanguage(req.headers['accept-language']);
    return reply
      .code(target.reason === 'invalid' ? 404 : 410)
      .type('text/html; charset=utf-8')
      .send(linkRefusedPage(lang, target.reason));
  });
};
export default routes;
