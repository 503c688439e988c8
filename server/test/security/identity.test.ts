/**
 * Security catalogue — items 1, 6 and 7: a visitor reaches only their own conversation; visitor tokens are minted
 * by the server and shown to nobody else; an identity is trusted only with the site's HMAC.
 */
import { createHmac } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';

let server: Running;
let cookie: string;
beforeAll(async () => {
  server = await startServer();
  cookie = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
async function newVisitor(token?: string): Promise<{ socket: Socket; token: string; visitorId: string }> {
  const s = visitorSocket(server.base, token ? { token } : {});
  await connected(s);
  const resume = await ack(s, 'session:resume', {});
  return { socket: s, token: resume.token, visitorId: resume.visitorId };
}
async function demoSite() {
  const site = (await server.app.services.store.sites.byKey('demo'))!;
  const setIdentity = (on: boolean) => server.app.services.store.sites.update(site.id, { settings: { ...site.settings, requireVerifiedIdentity: on } });
  return { site, setIdentity };
}

describe("1. another visitor's conversation (IDOR)", () => {
  it('refuses history, typing and read state of a conversation that is not theirs, exactly like one that does not exist', async () => {
    const alice = await newVisitor();
    const { conversation } = await ack(alice.socket, 'message:send', { clientId: cid(), body: 'my address is 3 rue des Lilas' });
    const mallory = await newVisitor();
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    let typingSeen = false;
    agent.on('typing:update', () => (typingSeen = true));
    const notFound = { ok: false, error: { code: 'not_found', message: 'No such conversation.' } };
    expect(await ack(mallory.socket, 'message:sync', { conversationId: conversation.id, afterSeq: 0 })).toEqual(notFound);
    expect(await ack(mallory.socket, 'typing:set', { conversationId: conversation.id, typing: true, draft: 'x' })).toEqual(notFound);
    expect(await ack(mallory.socket, 'read:mark', { conversationId: conversation.id, seq: 1 })).toEqual(notFound);
    expect(await ack(mallory.socket, 'message:sync', { conversationId: 'AAAAAAAAAAAAAAAAAAAAAA', afterSeq: 0 })).toEqual(notFound);
    // A message naming Alice's conversation goes to Mallory's own.
    const own = await ack(mallory.socket, 'message:send', { clientId: cid(), body: 'hi', conversationId: conversation.id });
    expect(own.conversation.id).not.toBe(conversation.id);
    expect(typingSeen).toBe(false);
    expect((await ack(agent, 'message:sync', { conversationId: conversation.id, afterSeq: 0 })).messages).toHaveLength(1);
  });

  it('uses ids that cannot be guessed from one another (enumeration)', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const v = await newVisitor();
      ids.push(v.visitorId, (await ack(v.socket, 'message:send', { clientId: cid(), body: 'x' })).conversation.id);
    }
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits
    const prefixes = new Set(ids.map((id) => id.slice(0, 4)));
    expect(prefixes.size).toBe(ids.length);
  });
});

describe('6. visitor tokens', () => {
  it('mints tokens itself: a token the client made up is ignored and a new visitor is made (token forgery)', async () => {
    const chosen = await newVisitor('my-own-token-please');
    expect(chosen.token).not.toBe('my-own-token-please');
    const other = await newVisitor();
    const forged = await newVisitor(`${other.visitorId}.forged-signature`);
    expect(forged.visitorId).not.toBe(other.visitorId);
  });

  it("never shows a visitor's token to agents (token disclosure)", async () => {
    const v = await newVisitor();
    await ack(v.socket, 'message:send', { clientId: cid(), body: 'hello' });
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    const seen = JSON.stringify([
      await ack(agent, 'inbox:sync', {}),
      await ack(agent, 'visitor:context', { visitorId: v.visitorId }),
      await (await fetch(`${server.base}/api/visitors/${v.visitorId}/context`, { headers: { cookie } })).json(),
    ]);
    expect(seen).toContain(v.visitorId);
    expect(seen).not.toContain(v.token);
  });
});

describe('7. identity verification', () => {
  it('refuses an identify without the right hash when the site enforces it, and stores nothing (impersonation)', async () => {
    const { site, setIdentity } = await demoSite();
    await setIdentity(true);
    try {
      const v = await newVisitor();
      const refused = await ack(v.socket, 'visitor:identify', { id: 'cust-42', email: 'ceo@shop.example' });
      expect(refused.error.code).toBe('forbidden');
      expect((await ack(v.socket, 'visitor:identify', { id: 'cust-42', email: 'ceo@shop.example', hash: 'ab'.repeat(32) })).error.code).toBe('forbidden');
      const context = await server.app.services.visitors.context(v.visitorId);
      expect(context).toMatchObject({ email: null, verified: false });
      const hash = createHmac('sha256', site.secret).update('cust-42').digest('hex');
      expect(await ack(v.socket, 'visitor:identify', { id: 'cust-42', email: 'ceo@shop.example', hash })).toEqual({ ok: true, verified: true });
      expect(await server.app.services.visitors.context(v.visitorId)).toMatchObject({ email: 'ceo@shop.example', verified: true });
    } finally {
      await setIdentity(false);
    }
  });

  it("marks an unproven identity unverified, and typing someone's email never reveals their conversations (account takeover by email)", async () => {
    const victim = await newVisitor();
    const { conversation } = await ack(victim.socket, 'message:send', { clientId: cid(), body: 'my card ends in 4242' });
    await ack(victim.socket, 'visitor:identify', { email: 'victim@example.com' });
    const attacker = await newVisitor();
    expect(await ack(attacker.socket, 'visitor:identify', { email: 'victim@example.com' })).toEqual({ ok: true, verified: false });
    const resumed = await ack(attacker.socket, 'session:resume', {});
    expect(resumed.conversation).toBeNull();
    expect(JSON.stringify(resumed)).not.toContain('4242');
    expect((await ack(attacker.socket, 'message:sync', { conversationId: conversation.id, afterSeq: 0 })).error.code).toBe('not_found');
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    expect((await ack(agent, 'visitor:context', { visitorId: attacker.visitorId })).context).toMatchObject({ email: 'victim@example.com', verified: false });
  });
});
