import { constants as zlibConstants } from 'node:zlib';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import { httpStatusOf } from '@causette/shared';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.js';
import { DomainError } from './domain/errors.js';
import audit from './plugins/audit.js';
import apiDocs from './plugins/api-docs.js';
import auth from './plugins/auth.js';
import originCheck from './plugins/origin-check.js';
import metrics from './plugins/metrics.js';
import realtime from './plugins/realtime.js';
import services from './plugins/services.js';
import staticFiles from './plugins/static.js';
import accountRoutes from './routes/account.js';
import agentRoutes from './routes/agents.js';
import auditRoutes from './routes/audit.js';
import authRoutes from './routes/auth.js';
import cannedRoutes from './routes/canned.js';
import conversationRoutes from './routes/conversations.js';
import fileRoutes from './routes/files.js';
import healthRoutes from './routes/health.js';
import reportRoutes from './routes/reports.js';
import { ErrorResponse } from './routes/schemas.js';
import { consume } from './domain/rate-limit.js';
import siteRoutes from './routes/sites.js';
import teamRoutes from './routes/team.js';
import teamsRoutes from './routes/teams.js';
import triggerRoutes from './routes/triggers.js';
import resumeRoutes from './routes/resume.js';
import securitySettingsRoutes from './routes/security-settings.js';

/** The whole of Causette as one Fastify plugin: `server.ts` runs it, tests inject into it or listen on a port. */
const app: FastifyPluginAsync<{ config: Config }> = async (fastify, { config }) => {
  // JSON only: a text/plain POST is a "simple" cross-site request, so it must not reach a route.
  fastify.removeContentTypeParser('text/plain');

  fastify.setErrorHandler((err: Error & { validation?: unknown; statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof DomainError) {
      if (err.details.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.details.retryAfterSeconds));
      return reply.code(httpStatusOf(err.code)).send({ error: { code: err.code, message: err.message } });
    }
    if (err.validation) return reply.code(400).send({ error: { code: 'bad_request', message: err.message } });
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: { code: 'rate_limited', message: 'Too many requests; try again later.' } });
    if (status === 413) return reply.code(413).send({ error: { code: 'payload_too_large', message: 'Request body too large.' } });
    if (status >= 400 && status < 500) return reply.code(status).send({ error: { code: 'bad_request', message: err.message } });
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  });
  fastify.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'not_found', message: 'Not found.' } }));

  await fastify.register(helmet, {
    // The console and the API: only our own scripts, no framing (clickjacking), no plugins, no foreign posts.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The widget is loaded by other sites: its files must be readable cross-origin.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    // Sent below, and only over HTTPS: on plain HTTP it would promise what the server cannot keep.
    hsts: false,
  });
  fastify.addHook('onSend', async (req, reply) => {
    // The demo shop stands for a merchant's own site (inline scripts and all), and the API docs page ships its
    // own inline code: neither is the console, so neither gets its policy.
    if (req.url.startsWith('/demo/') || req.url.startsWith('/api/docs')) reply.removeHeader('content-security-policy');
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // The widget is paid for by every shop visitor: its files (and the console's, and JSON) go compressed.
  // Brotli at a middle quality: most of the gain of 11 for a small part of its CPU per response.
  await fastify.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await fastify.register(cookie);
  fastify.addSchema(ErrorResponse);
  await fastify.register(swagger, {
    openapi: {
      info: { title: 'Causette API', version: '0.1.0', description: 'REST API of Causette. Realtime events are described in docs/PROTOCOL.md.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'causette_session' } } },
      security: [{ session: [] }],
    },
  });

  await fastify.register(services, { config });
  // A shutdown gives requests in flight a moment, then drops the connections still open (a client that never
  // reads its answer, a keep-alive socket mid-request) instead of waiting on them for ever.
  fastify.addHook('preClose', async () => {
    setTimeout(() => fastify.server.closeAllConnections(), 2000).unref();
  });
  // REST per IP, shared by all processes through the bus; sign-in has a tighter limit of its own. Probes are free.
  const restLimiter = fastify.services.bus.limiter({ keyPrefix: 'rest-ip', points: config.restPerMinute, durationSeconds: 60 });
  const loginLimiter = fastify.services.bus.limiter({ keyPrefix: 'login-ip', points: 20, durationSeconds: 60 });
  fastify.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/health') || req.url.startsWith('/api/ready')) return;
    const path = req.url.split('?')[0];
    const login = req.method === 'POST' && (path === '/api/auth/login' || path === '/api/auth/login/second-factor');
    await consume(login ? loginLimiter : restLimiter, req.ip, login ? 'Too many sign-in attempts from your address; try again in a minute.' : 'Too many requests; try again later.');
  });
  await fastify.register(metrics);
  await fastify.register(originCheck);
  await fastify.register(auth);
  await fastify.register(audit);
  await fastify.register(apiDocs);
  await fastify.register(realtime);
  await fastify.register(healthRoutes);
  await fastify.register(authRoutes);
  await fastify.register(accountRoutes);
  await fastify.register(securitySettingsRoutes);
  await fastify.register(conversationRoutes);
  await fastify.register(cannedRoutes);
  await fastify.register(siteRoutes);
  await fastify.register(agentRoutes);
  await fastify.register(triggerRoutes);
  await fastify.register(teamRoutes);
  await fastify.register(teamsRoutes);
  await fastify.register(resumeRoutes);
  await fastify.register(auditRoutes);
  // Links in emails name the server as CAUSETTE_PUBLIC_URL says, or as it listens.
  fastify.services.email.log = fastify.log;
  fastify.addHook('onListen', async () => {
    const address = fastify.server.address();
    if (typeof address !== 'object' || !address) return;
    const host = ['0.0.0.0', '::', '::1'].includes(address.address) ? 'localhost' : address.address.includes(':') ? `[${address.address}]` : address.address;
    fastify.services.email.ownUrl = `http://${host}:${address.port}`;
    void fastify.services.email.selfCheck();
  });
  await fastify.register(reportRoutes);
  await fastify.register(fileRoutes);
  await fastify.register(staticFiles);
};

export default fp(app, { name: 'causette' });

/** Fastify options shared by the process and the tests. */
export function fastifyOptions(config: Config) {
  return {
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false as const, coerceTypes: 'array' as const, allErrors: false } },
    logger: {
      level: config.logLevel,
      // Tokens and cookies never reach the log.
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.token', '*.password', 'token', 'password'],
        censor: '[redacted]',
      },
      serializers: {
        // Fastify's own fields, with the signature of a signed file link (a permission for days) left out.
        req: (req: FastifyRequest) => ({
          method: req.method,
          url: req.url.replace(/([?&]s=)[^&#]*/, '$1[redacted]'),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
  };
}

export type { FastifyInstance };
