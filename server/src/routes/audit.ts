import { Readable } from 'node:stream';
import { AuditExportQuery, AuditPage, AuditQuery, type AuditEntry } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify';
import { parseAuditCursor } from '../domain/audit.js';
import type { AuditFilter } from '../store/store.js';
import { withErrors } from './schemas.js';

const CSV_COLUMNS = ['at', 'action', 'actor_id', 'actor', 'target_type', 'target_id', 'target', 'ip', 'user_agent', 'changes'];

function filterOf(query: AuditExportQuery & { before?: string }): AuditFilter {
  return {
    ...(query.action ? { action: query.action } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
    ...(query.q ? { text: query.q } : {}),
    ...(query.before ? { before: parseAuditCursor(query.before) } : {}),
  };
}

/** The 200 schema documents the body as text for OpenAPI; Fastify sends a stream as is, unserialised. */
const streamed = (body: Readable) => body as unknown as string;

const csvRow = (e: AuditEntry) => [new Date(e.at).toISOString(), e.action, e.actorId ?? '', e.actorLabel, e.targetType, e.targetId ?? '', e.targetLabel, e.ip, e.userAgent, JSON.stringify(e.changes)];

async function* jsonLines(entries: AsyncIterable<AuditEntry>) {
  for await (const e of entries) yield `${JSON.stringify(e)}\n`;
}
async function* csvRows(entries: AsyncIterable<AuditEntry>) {
  for await (const e of entries) yield csvRow(e);
}

/** The audit log, for admins: read a page at a time, or download whole (filtered) as CSV or JSON lines. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { audit } = app.services;

  app.get(
    '/api/audit',
    {
      config: { capability: 'audit.read' },
      schema: { tags: ['audit'], summary: 'Audit log entries, newest first, filtered; page with `before` = the previous `next`', querystring: AuditQuery, response: withErrors({ 200: AuditPage }) },
    },
    async (req) => audit.page(filterOf(req.query), req.query.limit ?? 50),
  );

  app.get(
    '/api/audit/export',
    {
      config: { capability: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Download the filtered audit log (CSV, spreadsheet-safe, or JSON lines), streamed; the download is itself audited',
        querystring: AuditExportQuery,
        produces: ['text/csv', 'application/x-ndjson'],
        response: withErrors({ 200: Type.String({ description: 'CSV with a header row, or one JSON entry per line' }) }),
      },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'csv';
      const { format: _format, ...filter } = req.query;
      await req.audit.record('audit.exported', { type: 'audit', id: null, label: 'Audit log' }, { format: { to: format }, filter: { to: filter } });
      const entries = audit.entries(filterOf(req.query));
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="causette-audit-${stamp}.${format}"`);
      if (format === 'jsonl') {
        reply.type('application/x-ndjson; charset=utf-8');
        return reply.send(streamed(Readable.from(jsonLines(entries))));
      }
      reply.type('text/csv; charset=utf-8');
      // escape_formulas: a cell a spreadsheet would run (= + - @ tab CR first) is prefixed with a quote.
      const csv = stringify({ header: true, columns: CSV_COLUMNS, escape_formulas: true });
      const rows = Readable.from(csvRows(entries), { objectMode: true });
      rows.on('error', (err) => csv.destroy(err));
      return reply.send(streamed(rows.pipe(csv)));
    },
  );
};
export default routes;
