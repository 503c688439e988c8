/**
 * Security catalogue — item 18, privacy (GDPR): export of everything about a visitor, erasure by an admin or by
 * the visitor, and the retention window per site.
 */
import type { Message } from '@causette/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from '../support/harness.js';

let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
async function chattingVisitor(body: string) {
  const socket = visitorSocket(server.base);
  await connected(socket);
  const { visitorId } = await ack(socket, 'session:resume', {});
  await ack(socket, 'page:view', { url: 'https://shop.example/cart', title: 'Cart', referrer: '' });
  const { conversation } = await ack(socket, 'message:send', { clientId: cid(), body });
  return { socket, visitorId: visitorId as string, conversationId: conversation.id as string };
}

describe('18. GDPR', () => {
  it("exports everything held about a visitor as JSON, for admins only (data-access request)", async () => {
    const v = await chattingVisitor('my phone is 06 12 34 56 78');
    const res = await fetch(`${server.base}/api/visitors/${v.visitorId}/export`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const { data } = (await res.json()) as { data: Record<string, Array<Record<string, unknown>>> };
    expect(data.visitor).toEqual([expect.objectContaining({ id: v.visitorId })]);
    expect(data.messages!.map((m) => m.body)).toEqual(['my phone is 06 12 34 56 78']);
    expect(data.pageViews!.map((p) => p.path)).toEqual(['/cart']);

    const email = `agent-${Date.now()}@example.com`;
    await fetch(`${server.base}/api/agents`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ email, name: 'Plain', password: 'plain-agent-password' }) });
    const agent = await login(server.base, { email, password: 'plain-agent-password' });
    expect((await fetch(`${server.base}/api/visitors/${v.visitorId}/export`, { headers: { cookie: agent } })).status).toBe(403);
    expect((await fetch(`${server.base}/api/visitors/${v.visitorId}`, { method: 'DELETE', headers: { cookie: agent } })).status).toBe(403);
  });

  it('erases a visitor on an admin request: messages gone, widget told and disconnected, agents drop the chat (right to erasure)', async () => {
    const v = await chattingVisitor('please forget me');
    const agent = agentSocket(server.base, admin);
    await connected(agent);
    const ended = nextEvent<{ reason: string }>(v.socket, 'session:end');
    const removed = nextEvent<{ conversationId: string }>(agent, 'conversation:remove');
    expect((await fetch(`${server.base}/api/visitors/${v.visitorId}`, { method: 'DELETE', headers: { cookie: admin } })).status).toBe(204);
    expect(await ended).toEqual({ reason: 'erased' });
    expect((await removed).conversationId).toBe(v.conversationId);
    expect((await fetch(`${server.base}/api/visitors/${v.visitorId}/export`, { headers: { cookie: admin } })).status).toBe(404);
    expect((await ack(agent, 'message:sync', { conversationId: v.conversationId, afterSeq: 0 })).error.code).toBe('not_found');
    expect(await server.app.services.store.messages.latest(v.conversationId, 10, { includeNotes: true })).toEqual([]);
  });

  it('lets the visitor erase their own data from the widget (right to erasure, self-service)', async () => {
    const v = await chattingVisitor('delete my data');
    const ended = nextEvent<{ reason: string }>(v.socket, 'session:end');
    expect(await ack(v.socket, 'visitor:forget', {})).toEqual({ ok: true });
    await ended;
    expect(await server.app.services.store.visitors.byId(v.visitorId)).toBeNull();
    expect(await server.app.services.store.conversations.byId(v.conversationId)).toBeNull();
  });

  it("purges conversations and behaviour older than the site's retention window, and nothing newer (retention)", async () => {
    const { store, privacy } = server.app.services;
    const site = (await store.sites.byKey('demo'))!;
    await store.sites.update(site.id, { settings: { ...site.settings, retentionDays: 30 } });
    try {
      const old = await chattingVisitor('an old question');
      const recent = await chattingVisitor('a recent question');
      const open = await chattingVisitor('still talking');
      const day = 24 * 3600 * 1000;
      await store.conversations.resolve(old.conversationId, Date.now() - 40 * day);
      await store.conversations.resolve(recent.conversationId, Date.now() - 2 * day);
      const session = (await store.sessions.latest(old.visitorId))!;
      await store.sessions.addPageView(session.id, old.visitorId, { url: 'https://shop.example/old', path: '/old', title: 'Old', referrer: '', at: Date.now() - 31 * day });

      const purged = await privacy.purge();
      expect(purged.conversations).toBeGreaterThanOrEqual(1);
      expect(purged.pageViews).toBeGreaterThanOrEqual(1);
      expect(await store.conversations.byId(old.conversationId)).toBeNull();
      expect(await store.messages.latest(old.conversationId, 10, { includeNotes: true })).toEqual([]);
      expect((await store.sessions.pageViews(session.id, 10)).map((p) => p.path)).toEqual(['/cart']);
      expect((await store.messages.latest(recent.conversationId, 10, { includeNotes: true })).map((m: Message) => m.body)).toEqual(['a recent question']);
      expect(await store.conversations.byId(open.conversationId)).not.toBeNull();
    } finally {
      await store.sites.update(site.id, { settings: site.settings });
    }
  });
});
