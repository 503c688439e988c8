/**
 * Security catalogue — audit log: every audited change, made through the real route, is recorded with who did it
 * (id and label), what, on what, and from where; only admins read it; nothing secret reaches it.
 */
import type { AuditEntry, Trigger } from '@causette/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type Running } from '../support/harness.js';

const UA = 'AuditTest/1.0 (audit-log.test)';
let server: Running;
let admin: string;
let adminId: string;
let siteId: string;

async function api(method: string, path: string, body?: unknown, cookie = admin) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { cookie, 'user-agent': UA, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
}
const signIn = async (email: string, password: string) => api('POST', '/api/auth/login', { email, password }, '');
const log = async (query = 'limit=200'): Promise<AuditEntry[]> => (await api('GET', `/api/audit?${query}`)).body.items;
const entriesFor = async (action: string) => (await log(`action=${action}&limit=200`)).filter((e) => e.action === action);

beforeAll(async () => {
  server = await startServer();
  const signedIn = await signIn(ADMIN.email, ADMIN.password);
  admin = signedIn.cookie;
  adminId = signedIn.body.agent.id;
  siteId = (await server.app.services.store.sites.byKey('demo'))!.id;
});
afterAll(async () => server.stop());

const byAdmin = () => ({ actorId: adminId, actorLabel: `Admin <${ADMIN.email}>`, ip: '127.0.0.1', userAgent: UA });

describe('audit log: what is recorded', () => {
  it('records sign-ins, a failed sign-in with the address tried (no password), and sign-outs', async () => {
    await signIn('Intruder@Example.com', 'guessed-password-1');
    const again = await signIn(ADMIN.email, ADMIN.password);
    await api('POST', '/api/auth/logout', undefined, again.cookie);

    const [failed] = await entriesFor('auth.sign_in_failed');
    expect(failed).toMatchObject({ actorId: null, actorLabel: 'intruder@example.com', targetType: 'agent', targetId: null, ip: '127.0.0.1', userAgent: UA });
    expect((await entriesFor('auth.signed_in'))[0]).toMatchObject({ ...byAdmin(), targetId: adminId });
    expect((await entriesFor('auth.signed_out'))[0]).toMatchObject({ ...byAdmin(), targetId: adminId });
    expect(JSON.stringify(await log())).not.toContain('guessed-password-1');
  });

  it('records an agent created, then each change of role, capacity, sites, access and password, before → after', async () => {
    const created = await api('POST', '/api/agents', { email: 'olga@example.com', name: 'Olga', password: 'olga-first-password', role: 'agent', capacity: 3, siteIds: [siteId] });
    const id = created.body.id as string;
    const target = { targetType: 'agent', targetId: id, targetLabel: 'Olga <olga@example.com>' };
    expect((await entriesFor('agent.created'))[0]).toMatchObject({ ...byAdmin(), ...target });

    await api('PATCH', `/api/agents/${id}`, { role: 'supervisor', capacity: 5 });
    await api('PATCH', `/api/agents/${id}`, { siteIds: [] });
    await api('PATCH', `/api/agents/${id}`, { disabled: true });
    await api('PATCH', `/api/agents/${id}`, { disabled: false, password: 'olga-second-password' });

    expect((await entriesFor('agent.role_changed'))[0]).toMatchObject({ ...byAdmin(), ...target, changes: { role: { from: 'agent', to: 'supervisor' } } });
    expect((await entriesFor('agent.capacity_changed'))[0]).toMatchObject({ ...target, changes: { capacity: { from: 3, to: 5 } } });
    expect((await entriesFor('agent.sites_changed'))[0]).toMatchObject({ ...target, changes: { siteIds: { from: [siteId], to: [] } } });
    expect((await entriesFor('agent.disabled'))[0]).toMatchObject({ ...target, changes: { disabled: { from: false, to: true } } });
    expect((await entriesFor('agent.enabled'))[0]).toMatchObject({ ...target, changes: { disabled: { from: true, to: false } } });
    expect((await entriesFor('agent.password_reset'))[0]).toMatchObject({ ...target, changes: { password: {} } });
    const everything = JSON.stringify(await log());
    expect(everything).not.toContain('olga-first-password');
    expect(everything).not.toContain('olga-second-password');
    expect(everything).not.toContain('scrypt');
  });

  it('records sites created, renamed, their allowed origins and settings changed', async () => {
    const site = (await api('POST', '/api/sites', { name: 'Second shop', allowedOrigins: ['https://second.example'] })).body;
    await api('PATCH', `/api/sites/${site.id}`, { name: 'Shop Two', allowedOrigins: ['https://second.example', 'https://www.second.example'], settings: { greeting: 'Bonjour !' } });
    const target = { targetType: 'site', targetId: site.id };
    expect((await entriesFor('site.created'))[0]).toMatchObject({ ...byAdmin(), ...target, targetLabel: 'Second shop' });
    expect((await entriesFor('site.renamed'))[0]).toMatchObject({ ...target, targetLabel: 'Shop Two', changes: { name: { from: 'Second shop', to: 'Shop Two' } } });
    expect((await entriesFor('site.origins_changed'))[0]).toMatchObject({
      ...target,
      changes: { allowedOrigins: { from: ['https://second.example'], to: ['https://second.example', 'https://www.second.example'] } },
    });
    expect((await entriesFor('site.settings_changed'))[0]).toMatchObject({ ...target, changes: { greeting: { to: 'Bonjour !' } } });
    expect(JSON.stringify(await log())).not.toContain((await server.app.services.store.sites.byId(site.id))!.secret);
  });

  it('records triggers created, edited, paused, resumed and deleted', async () => {
    const trigger = (await api('POST', '/api/triggers', triggerBody('Cart helper'))).body as Trigger;
    await api('PATCH', `/api/triggers/${trigger.id}`, { name: 'Cart helper v2', delaySeconds: 5 });
    await api('PATCH', `/api/triggers/${trigger.id}`, { status: 'paused' });
    await api('PATCH', `/api/triggers/${trigger.id}`, { status: 'active' });
    await api('DELETE', `/api/triggers/${trigger.id}`);
    const target = { targetType: 'trigger', targetId: trigger.id };
    expect((await entriesFor('trigger.created'))[0]).toMatchObject({ ...byAdmin(), ...target, targetLabel: 'Cart helper' });
    expect((await entriesFor('trigger.updated'))[0]).toMatchObject({ ...target, targetLabel: 'Cart helper v2', changes: { name: { from: 'Cart helper', to: 'Cart helper v2' }, delaySeconds: { from: 0, to: 5 } } });
    expect((await entriesFor('trigger.disabled'))[0]).toMatchObject({ ...target, changes: { status: { from: 'active', to: 'paused' } } });
    expect((await entriesFor('trigger.enabled'))[0]).toMatchObject({ ...target, changes: { status: { from: 'paused', to: 'active' } } });
    expect((await entriesFor('trigger.deleted'))[0]).toMatchObject({ ...byAdmin(), ...target });
  });

  it('records teams, canned answers (without their text), visitor exports and erasures', async () => {
    const team = (await api('POST', '/api/teams', { siteId, name: 'Sales' })).body;
    await api('PATCH', `/api/teams/${team.id}`, { name: 'Sales EU', memberIds: [adminId] });
    await api('DELETE', `/api/teams/${team.id}`);
    expect((await entriesFor('team.created'))[0]).toMatchObject({ ...byAdmin(), targetType: 'team', targetId: team.id, targetLabel: 'Sales' });
    expect((await entriesFor('team.updated'))[0]).toMatchObject({ targetId: team.id, changes: { name: { from: 'Sales', to: 'Sales EU' }, memberIds: { from: [], to: [adminId] } } });
    expect((await entriesFor('team.deleted'))[0]).toMatchObject({ targetId: team.id });

    const canned = (await api('POST', '/api/canned', { siteId, shortcut: 'hello', body: 'Hello, secret discount code ZX81' })).body;
    await api('PATCH', `/api/canned/${canned.id}`, { shortcut: 'hi', body: 'Hi, secret discount code QL42' });
    await api('DELETE', `/api/canned/${canned.id}`);
    expect((await entriesFor('canned.created'))[0]).toMatchObject({ targetType: 'canned', targetId: canned.id, targetLabel: '/hello' });
    expect((await entriesFor('canned.updated'))[0]).toMatchObject({ targetLabel: '/hi', changes: { shortcut: { from: 'hello', to: 'hi' }, body: {} } });
    expect((await entriesFor('canned.deleted'))[0]).toMatchObject({ targetId: canned.id });

    const visitor = await server.app.services.store.visitors.create(siteId);
    await api('GET', `/api/visitors/${visitor.id}/export`);
    await api('DELETE', `/api/visitors/${visitor.id}`);
    expect((await entriesFor('visitor.exported'))[0]).toMatchObject({ ...byAdmin(), targetType: 'visitor', targetId: visitor.id });
    expect((await entriesFor('visitor.erased'))[0]).toMatchObject({ ...byAdmin(), targetType: 'visitor', targetId: visitor.id });
    const everything = JSON.stringify(await log());
    expect(everything).not.toContain('ZX81');
    expect(everything).not.toContain('QL42');
  });

  it('is for admins only: agents, supervisors and marketers get 403, strangers 401', async () => {
    for (const role of ['agent', 'supervisor', 'marketer']) {
      const email = `${role}-reader@example.com`;
      await api('POST', '/api/agents', { email, name: role, password: 'role-reader-password', role });
      const cookie = (await signIn(email, 'role-reader-password')).cookie;
      expect((await api('GET', '/api/audit', undefined, cookie)).status).toBe(403);
      expect((await api('GET', '/api/audit/export', undefined, cookie)).status).toBe(403);
    }
    expect((await api('GET', '/api/audit', undefined, '')).status).toBe(401);
    expect((await api('GET', '/api/audit/export', undefined, '')).status).toBe(401);
  });

  it('is described in the OpenAPI document: filters, page and download formats', async () => {
    const doc = (await (await fetch(`${server.base}/api/openapi.json`, { headers: { cookie: admin } })).json()) as any;
    const list = doc.paths['/api/audit'].get;
    const download = doc.paths['/api/audit/export'].get;
    expect(list.tags).toEqual(['audit']);
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['action', 'actorId', 'before', 'from', 'limit', 'q', 'to']);
    expect(Object.keys(list.responses['200'].content['application/json'].schema.properties).sort()).toEqual(['items', 'next']);
    expect(download.parameters.map((p: { name: string }) => p.name)).toContain('format');
    expect(Object.keys(download.responses['200'].content).sort()).toEqual(['application/x-ndjson', 'text/csv']);
  });
});

function triggerBody(name: string) {
  return {
    siteId,
    name,
    status: 'active',
    priority: 0,
    conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'equals', value: '/demo/cart.html' }] },
    variants: [{ id: 'A', weight: 100, message: { text: 'Need a hand with your order?', senderName: 'Anna' } }],
    holdoutPercent: 0,
    frequency: { per: 'session' },
    schedule: null,
    onlyWhenAgentAvailable: false,
    delaySeconds: 0,
    openPanel: false,
  };
}
