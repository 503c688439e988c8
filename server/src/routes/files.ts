import { Attachment, Id } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VISITOR_LINK_TTL_MS } from '../attachments/links.js';
import { INLINE_TYPES } from '../attachments/sniff.js';
import { DomainError } from '../domain/errors.js';
import { originAllowed } from '../domain/origins.js';
import { visitorTokenLifeMs } from '../domain/visitor-tokens.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { consume } from '../domain/rate-limit.js';
import { errorRef, withErrors } from './schemas.js';

const UploadReply = Type.Object({ attachment: Attachment });
const uploadErrors = { ...withErrors({ 200: UploadReply }), 413: errorRef, 415: errorRef };
const UPLOAD_DESCRIPTION =
  'The body is the file\'s raw bytes (so upload progress can be shown), not a form. `X-File-Name` carries its name, ' +
  'URI-encoded (encodeURIComponent); `Content-Type` is ignored: the type is found from the content, and only PNG, ' +
  'JPEG, GIF, WebP, PDF and plain text (or CSV) are accepted (else 415). Larger than CAUSETTE_ATTACHMENT_MAX_BYTES ' +
  '(default 10 MB) is 413. Send the returned id as `attachmentId` with `message:send`.';

/** A filename for Content-Disposition: RFC 6266's `filename*` in UTF-8, with a plain ASCII fallback. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function contentLength(req: FastifyRequest): number | undefined {
  const raw = req.headers['content-length'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Attachments: agents upload into a conversation they see (`POST /api/files`), visitors upload with the token of
 * their widget (`POST /files/visitor`, cross-origin from the shop's pages). Downloads (`GET /files/:id`) need a
 * signed, expiring link or the session of an agent who sees the chat: no address works forever for whoever holds
 * it. They carry headers that stop a browser from running what it downloads.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { attachments, store, chat, bus, visitorTokens, fileLinks, auth } = app.services;
  const visitorUploads = bus.limiter({ keyPrefix: 'upload-visitor', points: 30, durationSeconds: 600 });

  // The body is streamed to storage by the handler (counted against the limit as it comes), never buffered here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

  const upload = (req: FastifyRequest, who: Parameters<typeof attachments.upload>[1] extends infer T ? Omit<T, 'fileName' | 'declaredLength'> : never) =>
    attachments.upload(req.raw, { ...who, fileName: header(req, 'x-file-name'), declaredLength: contentLength(req) });

  // A refused upload may not have been read to its end: this connection is not reused.
  app.addHook('onError', async (_req, reply, err) => {
    if ((err as { code?: string }).code !== 'payload_too_large') return;
    // The limit as a number too, for clients that say it in their own words (the widget).
    reply.header('connection', 'close').header('x-causette-max-bytes', String(attachments.maxBytes)).header('access-control-expose-headers', 'X-Causette-Max-Bytes');
  });

  app.post(
    '/api/files',
    {
      config: { capability: 'conversations.reply' },
      schema: {
        tags: ['files'],
        summary: 'Upload a file to send in a conversation (agents)',
        description: UPLOAD_DESCRIPTION,
        querystring: Type.Object({ conversationId: Id }, { additionalProperties: false }),
        response: uploadErrors,
      },
    },
    async (req) => {
      // Not JSON, so no preflight guards it: the origin check of every state-changing request (plugins/origin-check.ts) does.
      const conv = await chat.get(req.agent!, req.query.conversationId);
      return { attachment: await upload(req, { siteId: conv.siteId, uploader: 'agent', uploaderId: req.agent!.id, visitorId: conv.visitorId, conversationId: conv.id }) };
    },
  );

  /** The site named by `?site=`, and CORS for the page's origin when the site allows it (else no CORS at all). */
  const siteFor = async (siteKey: string, req: FastifyRequest, reply: FastifyReply) => {
    const site = await store.sites.byKey(siteKey);
    if (!site) throw new DomainError('not_found', 'No such site.');
    const h = req.headers;
    if (!originAllowed(site.allowedOrigins, h.origin, h.host, header(req, 'sec-fetch-site'))) {
      throw new DomainError('origin_not_allowed', 'This page may not send files to this site.');
    }
    reply.header('vary', 'Origin');
    if (h.origin) reply.header('access-control-allow-origin', h.origin);
    return site;
  };
  const SiteQuery = Type.Object({ site: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

  app.options('/files/visitor', { schema: { hide: true, querystring: SiteQuery } }, async (req, reply) => {
    await siteFor(req.query.site, req, reply);
    reply.header('access-control-allow-methods', 'POST');
    reply.header('access-control-allow-headers', 'authorization, content-type, x-file-name');
    reply.header('access-control-max-age', '600');
    return reply.code(204).send();
  });

  app.post(
    '/files/visitor',
    {
      schema: {
        tags: ['files'],
        summary: 'Upload a file to send in the chat (visitors)',
        description: `${UPLOAD_DESCRIPTION} Authorised by \`Authorization: Bearer <visitor token>\` (the token of the /visitor handshake) and \`?site=<site key>\`, from one of the site's allowed origins.`,
        querystring: SiteQuery,
        security: [],
        response: uploadErrors,
      },
    },
    async (req, reply) => {
      const site = await siteFor(req.query.site, req, reply);
      const bearer = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '')?.[1];
      const verified = bearer ? visitorTokens.verify(bearer, site.id, visitorTokenLifeMs(site.settings)) : null;
      const visitor = verified ? await store.visitors.byId(verified.visitorId) : null;
      if (!visitor || visitor.siteId !== site.id) throw new DomainError('unauthenticated', 'Send the visitor token as `Authorization: Bearer <token>`.');
      if (site.settings.attachments === false) throw new DomainError('forbidden', 'This site does not accept files from visitors.');
      await consume(visitorUploads, visitor.id, 'Too many files in a short time; try again in a few minutes.');
      const attachment = await upload(req, { siteId: site.id, uploader: 'visitor', uploaderId: visitor.id, visitorId: visitor.id, conversationId: null });
      return { attachment: fileLinks.attachment(attachment, VISITOR_LINK_TTL_MS) };
    },
  );

  const FileLinkQuery = Type.Object(
    {
      e: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', description: 'Expiry of a signed link (unix seconds)' })),
      s: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,128}$', description: 'Signature of a signed link' })),
    },
    { additionalProperties: false },
  );
  /** Without a signature the console's session is the permission: the agent must see the conversation the file is in. */
  const agentMayOpen = async (req: FastifyRequest, id: string) => {
    const who = await auth.resolve(req.cookies[SESSION_COOKIE]);
    if (!who) throw new DomainError('forbidden', 'This link is not signed: open the file from the conversation.');
    const record = await store.attachments.byId(id);
    if (!record?.conversationId) throw new DomainError('not_found', 'No such file.');
    await chat.get(who.agent, record.conversationId);
  };

  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file sent in a chat',
        description:
          'With `e` and `s`: a signed link (handed to widgets with each message, and put in emails), valid until `e`; ' +
          'a tampered one is 403, an expired one 410. Without them: the console session cookie of an agent who sees ' +
          'the conversation (else 403 or 404).',
        security: [],
        params: Type.Object({ id: Id }),
        querystring: FileLinkQuery,
        response: { 200: Type.Unknown({ description: 'The file, with its detected type' }), 403: errorRef, 404: errorRef, 410: errorRef },
      },
    },
    async (req, reply) => {
      const { e, s } = req.query;
      if (e === undefined && s === undefined) await agentMayOpen(req, req.params.id);
      else {
        const verdict = e && s ? fileLinks.check(req.params.id, e, s) : 'invalid';
        if (verdict === 'expired') throw new DomainError('link_expired', 'This link has expired: open the conversation again for a new one.');
        if (verdict === 'invalid') throw new DomainError('forbidden', 'This link is not valid.');
      }
      const file = await attachments.open(req.params.id);
      if (!file) throw new DomainError('not_found', 'No such file.');
      const { record } = file;
      const inline = INLINE_TYPES.has(record.contentType);
      return reply
        .header('content-type', record.contentType.startsWith('text/') ? `${record.contentType}; charset=utf-8` : record.contentType)
        .header('content-length', String(record.size))
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', record.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        // Shop pages show previews from here.
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', 'private, max-age=86400')
        .send(file.bytes);
    },
  );
};

export default routes;
