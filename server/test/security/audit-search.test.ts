/**
 * Security catalogue — audit log: searchable (filters, keyset paging), exportable (CSV a spreadsheet cannot be
 * tricked by, JSON lines, streamed in pages, the export itself audited) and retained for a set time.
 */
import type { AuditEntry } from '@causette/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, login, startServer, type Running } from '../support/harness.js';

let server: Running | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.stop();
  server = undefined;
});

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server!.base}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const json = async (cookie: string, path: string) => JSON.parse((await api(cookie, 'GET', path)).text) as { items: AuditEntry[]; next: string | null };
const newAgent = async (cookie: string, name: string, email: string) =>
  JSON.parse((await api(cookie, 'POST', '/api/agents', { email, name, password: 'some-agent-password' })).text) as { id: string };

describe('audit log: search, export, retention', () => {
  it('filters by action, actor, date range and text, and pages newest first without gaps or repeats', async () => {
    server = await startServer();
    const admin = await login(server.base);
    const adminId = JSON.parse((await api(admin, 'GET', '/api/auth/me')).text).agent.id as string;
    for (let i = 0; i < 5; i++) await newAgent(admin, `Helper ${i}`, `helper${i}@example.com`);
    const deputyId = (await newAgent(admin, 'Deputy', 'deputy@example.com')).id;
    await api(admin, 'PATCH', `/api/agents/${deputyId}`, { role: 'admin' });
    const deputy = await login(server.base, { email: 'deputy@example.com', password: 'some-agent-password' });
    await newAgent(deputy, 'Made by deputy', 'by-deputy@example.com');

    const created = (await json(admin, '/api/audit?action=agent.created')).items;
    expect(created.map((e) => e.targetLabel)).toEqual([
      'Made by deputy <by-deputy@example.com>',
      'Deputy <deputy@example.com>',
      ...[4, 3, 2, 1, 0].map((i) => `Helper ${i} <helper${i}@example.com>`),
    ]);
    expect((await json(admin, `/api/audit?actorId=${deputyId}`)).items.map((e) => e.action)).toEqual(['agent.created', 'auth.signed_in']);
    expect((await json(admin, `/api/audit?actorId=${adminId}&action=agent.role_changed`)).items).toHaveLength(1);
    // Free text over both labels, case-insensitive; `%` is searched for, not a wildcard.
    expect((await json(admin, '/api/audit?q=HELPER%203')).items.map((e) => e.targetLabel)).toEqual(['Helper 3 <helper3@example.com>']);
    expect((await json(admin, '/api/audit?q=deputy&action=agent.created')).items).toHaveLength(2);
    expect((await json(admin, `/api/audit?q=${encodeURIComponent('%')}`)).items).toEqual([]);

    const all = (await json(admin, '/api/audit?limit=200')).items;
    const middle = all[4]!;
    const inRange = (await json(admin, `/api/audit?from=${middle.at}&to=${middle.at + 1}`)).items;
    expect(inRange.map((e) => e.id)).toContain(middle.id);
    expect(inRange.every((e) => e.at === middle.at)).toBe(true);
    expect((await json(admin, `/api/audit?to=${all.at(-1)!.at}`)).items).toEqual([]);

    const paged: AuditEntry[] = [];
    let next: string | null = null;
    do {
      const page: { items: AuditEntry[]; next: string | null } = await json(admin, `/api/audit?limit=3${next ? `&before=${encodeURIComponent(next)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      next = page.next;
    } while (next);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect([...paged].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((e) => e.id)).toEqual(paged.map((e) => e.id));
    expect((await api(admin, 'GET', '/api/audit?action=agent.exploded')).status).toBe(400);
    expect((await api(admin, 'GET', '/api/audit?before=not-a-cursor')).status).toBe(400);
  });

  it('exports CSV with quoted cells and defused formulas, JSON lines, and audits the export', async () => {
    server = await startServer();
    const admin = await login(server.base);
    await newAgent(admin, '=HYPERLINK("https://evil.example","open me")', 'formula@example.com');
    await newAgent(admin, '+cmd|calc, "quoted"', 'plus@example.com');
    await newAgent(admin, '@SUM(1)', 'at@example.com');
    await newAgent(admin, '-2+3', 'minus@example.com');

    const csv = await api(admin, 'GET', '/api/audit/export?action=agent.created&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="causette-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.text.trimEnd().split('\n');
    expect(lines[0]).toBe('at,action,actor_id,actor,target_type,target_id,target,ip,user_agent,changes');
    expect(lines).toHaveLength(5);
    // Newest first; every cell a spreadsheet would evaluate starts with a quote; quotes are doubled.
    expect(lines[1]).toContain(`,'-2+3 <minus@example.com>,`);
    expect(lines[2]).toContain(`,'@SUM(1) <at@example.com>,`);
    expect(lines[3]).toContain(`,"'+cmd|calc, ""quoted"" <plus@example.com>",`);
    expect(lines[4]).toContain(`,"'=HYPERLINK(""https://evil.example"",""open me"") <formula@example.com>",`);
    expect(lines[4]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z,agent\.created,[A-Za-z0-9_-]+,Admin <admin@example\.com>,agent,/);

    const jsonl = await api(admin, 'GET', '/api/audit/export?action=agent.created&format=jsonl');
    const rows = jsonl.text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    expect(rows.map((r) => r.targetLabel.split(' <')[0])).toEqual(['-2+3', '@SUM(1)', '+cmd|calc, "quoted"', '=HYPERLINK("https://evil.example","open me")']);

    const exports = (await json(admin, '/api/audit?action=audit.exported')).items;
    expect(exports.map((e) => e.changes.format!.to)).toEqual(['jsonl', 'csv']);
    expect(exports[0]).toMatchObject({ actorLabel: `Admin <${ADMIN.email}>`, ip: '127.0.0.1', changes: { filter: { to: { action: 'agent.created' } } } });
  });

  it('exports a log larger than one page whole, in order, from the database a page at a time', async () => {
    server = await startServer();
    const admin = await login(server.base);
    const base = Date.now() - 10_000;
    // 1,234 entries, several at the same millisecond, so that pages break inside a tie.
    for (let i = 0; i < 1234; i++) {
      await server.app.services.store.audit.record({
        id: `bulk-entry-${String(i).padStart(5, '0')}`,
        at: base + Math.floor(i / 3),
        action: 'trigger.updated',
        actorId: null,
        actorLabel: 'Bulk',
        targetType: 'trigger',
        targetId: 't',
        targetLabel: `Trigger ${i}`,
        ip: '127.0.0.1',
        userAgent: '',
        changes: {},
      });
    }
    const reads = vi.spyOn(server.app.services.store.audit, 'list');
    const csv = await api(admin, 'GET', '/api/audit/export?action=trigger.updated');
    const labels = csv.text.trimEnd().split('\n').slice(1).map((l) => l.split(',')[6]);
    expect(labels).toEqual(Array.from({ length: 1234 }, (_, i) => `Trigger ${1233 - i}`));
    expect(reads.mock.calls.map(([, limit]) => limit)).toEqual([500, 500, 500]);
  });

  it('purges entries older than the retention window on the retention sweep, and keeps the rest', async () => {
    server = await startServer({ CAUSETTE_AUDIT_RETENTION_DAYS: '30' });
    const admin = await login(server.base);
    await newAgent(admin, 'Kept for now', 'kept@example.com');
    const day = 24 * 3600 * 1000;
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start + 29 * day);
    expect((await server.app.services.privacy.purge()).auditEntries).toBe(0);
    vi.setSystemTime(start + 31 * day);
    expect((await server.app.services.privacy.purge()).auditEntries).toBe(2);
    vi.useRealTimers();
    // Only the sign-in that reads the log is left.
    const reader = await login(server.base);
    expect((await json(reader, '/api/audit')).items.map((e) => e.action)).toEqual(['auth.signed_in']);
  });
});
