import { ClientId, ConversationStatus, ConversationSummary, Id, Message, MessageBody, Seq, VisitorContext, type Agent } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { auditTarget } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import { withErrors } from './schemas.js';

const IdParams = Type.Object({ id: Id });
const ConversationReply = Type.Object({ conversation: ConversationSummary });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { chat } = app.services;
  app.get(
    '/api/conversations',
    {
      config: { capability: 'conversations.read' },
      schema: {
        tags: ['conversations'],
        summary: 'Conversations of the sites this agent works on, newest activity first',
        querystring: Type.Object(
          {
            status: Type.Optional(ConversationStatus),
            assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Id])),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ items: Type.Array(ConversationSummary) }) }),
      },
    },
    async (req) => {
      const { status, assignee } = req.query;
      const assigneeId = assignee === 'me' ? req.agent!.id : assignee === 'none' ? null : assignee;
      return { items: await chat.list(req.agent!, { ...(status ? { status } : {}), ...(assignee ? { assigneeId } : {}) }) };
    },
  );

  app.get(
    '/api/conversations/:id',
    { config: { capability: 'conversations.read' }, schema: { tags: ['conversations'], params: IdParams, response: withErrors({ 200: ConversationReply }) } },
    async (req) => ({ conversation: await chat.get(req.agent!, req.params.id) }),
  );

  app.get(
    '/api/conversations/:id/messages',
    {
      config: { capability: 'conversations.read' },
      schema: {
        tags: ['conversations'],
        summary: 'History after a seq (notes included), oldest first, 200 per page',
        params: IdParams,
        querystring: Type.Object({ after: Type.Optional(Seq) }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ messages: Type.Array(Message), more: Type.Boolean() }) }),
      },
    },
    async (req) => chat.agentSync(req.agent!, req.params.id, req.query.after ?? 0),
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      config: { capability: 'conversations.reply' },
      schema: {
        tags: ['conversations'],
        summary: 'Send a message or an internal note; idempotent by clientId',
        params: IdParams,
        body: Type.Object(
          {
            clientId: ClientId,
            body: MessageBody,
            kind: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('note')])),
            /** An upload from POST /api/files for this conversation; the message is then the file (body: its name or a caption). */
            attachmentId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ message: Message, duplicate: Type.Boolean() }) }),
      },
    },
    async (req) => chat.agentSend(req.agent!, { conversationId: req.params.id, ...req.body }),
  );

  app.post(
    '/api/conversations/:id/take',
    { config: { capability: 'conversations.reply' }, schema: { tags: ['conversations'], params: IdParams, response: withErrors({ 200: ConversationReply }) } },
    async (req) => ({ conversation: await chat.take(req.agent!, req.params.id) }),
  );

  app.post(
    '/api/conversations/:id/close',
    { config: { capability: 'conversations.reply' }, schema: { tags: ['conversations'], params: IdParams, response: withErrors({ 200: ConversationReply }) } },
    async (req) => ({ conversation: await chat.close(req.agent!, req.params.id) }),
  );

  app.get(
    '/api/visitors/:id/context',
    {
      config: { capability: 'conversations.read' },
      schema: {
        tags: ['visitors'],
        summary: 'What the visitor is doing: current page, journey, cart, device',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ context: VisitorContext }) }),
      },
    },
    async (req) => {
      const visitor = await app.services.store.visitors.byId(req.params.id);
      if (!visitor || !(await siteIdsFor(app.services.store, req.agent!)).includes(visitor.siteId)) {
        throw new DomainError('not_found', 'No such visitor.');
      }
      return { context: await app.services.visitors.context(visitor.id) };
    },
  );

  // GDPR: an admin exports or erases everything held about one visitor.
  const adminVisitor = async (agent: Agent, id: string) => {
    const visitor = await app.services.store.visitors.byId(id);
    if (!visitor || !(await siteIdsFor(app.services.store, agent)).includes(visitor.siteId)) throw new DomainError('not_found', 'No such visitor.');
    return visitor;
  };
  app.get(
    '/api/visitors/:id/export',
    {
      config: { capability: 'visitors.privacy' },
      schema: {
        tags: ['visitors'],
        summary: 'Everything held about the visitor, as JSON (data-access request)',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ exportedAt: Type.Integer(), data: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()))) }) }),
      },
    },
    async (req, reply) => {
      const visitor = await adminVisitor(req.agent!, req.params.id);
      reply.header('content-disposition', `attachment; filename="visitor-${visitor.id}.json"`);
      const exported = await app.services.privacy.export(visitor.id);
      await req.audit.record('visitor.exported', auditTarget.visitor(visitor));
      return exported;
    },
  );
  app.delete(
    '/api/visitors/:id',
    { config: { capability: 'visitors.privacy' }, schema: { tags: ['visitors'], summary: 'Erase the visitor and all their data, messages included', params: IdParams } },
    async (req, reply) => {
      const visitor = await adminVisitor(req.agent!, req.params.id);
      await app.services.privacy.erase(visitor.id);
      await req.audit.record('visitor.erased', auditTarget.visitor(visitor));
      return reply.code(204).send();
    },
  );
};
export default routes;
