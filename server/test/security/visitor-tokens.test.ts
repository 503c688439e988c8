/**
 * Visitor tokens expire and rotate: a token read from the shop's storage (an XSS on the shop) is no lasting key
 * to the visitor's chats, while a visitor who keeps coming back keeps their chats, in every tab.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ack, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';

const DAY = 86_400_000;
let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => {
  vi.restoreAllMocks();
  closeAllSockets();
});

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
async function visit(token?: string) {
  const socket = visitorSocket(server.base, token ? { token } : {});
  await connected(socket);
  const resume = await ack(socket, 'session:resume', {});
  return { socket, resume, token: resume.token as string, visitorId: resume.visitorId as string };
}
/** The server's clock (and this process's) moved on by `ms`, still ticking. */
function later(ms: number) {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => real() + ms);
}
async function setTokenDays(days: number | undefined) {
  const site = (await server.app.services.store.sites.byKey('demo'))!;
  const res = await fetch(`${server.base}/api/sites/${site.id}`, {
    method: 'PATCH',
    headers: { cookie: admin, 'content-type': 'application/json', origin: server.base },
    body: JSON.stringify({ settings: { visitorTokenDays: days ?? 30 } }),
  });
  expect(res.status).toBe(200);
}

describe('visitor tokens', () => {
  it('an expired token is a new visitor who sees none of the old chats (site bound: 1 day)', async () => {
    await setTokenDays(1);
    const first = await visit();
    await ack(first.socket, 'message:send', { clientId: cid(), body: 'my order 4411, address 3 rue des Lilas' });
    first.socket.disconnect();
    later(DAY + 60_000);
    const again = await visit(first.token);
    expect(again.visitorId).not.toBe(first.visitorId);
    expect(again.resume.conversation).toBeNull();
    expect(again.resume.messages).toEqual([]);
    // Nor does it upload files as that visitor.
    const upload = await fetch(`${server.base}/files/visitor?site=demo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}`, origin: server.base, 'x-file-name': 'a.txt' },
      body: 'hello',
    });
    expect(upload.status).toBe(401);
    await setTokenDays(undefined);
  });

  it('a token past a quarter of its life is replaced on the next visit: same visitor, same history, both tokens work', async () => {
    await setTokenDays(undefined);
    const first = await visit();
    const { conversation } = await ack(first.socket, 'message:send', { clientId: cid(), body: 'where is my parcel?' });
    first.socket.disconnect();
    // A young token is handed back as it is: nothing to write in storage on every page.
    const soon = await visit(first.token);
    expect(soon.token).toBe(first.token);
    soon.socket.disconnect();

    later(8 * DAY);
    const back = await visit(first.token);
    expect(back.visitorId).toBe(first.visitorId);
    expect(back.token).not.toBe(first.token);
    expect(back.resume.conversation.id).toBe(conversation.id);
    expect(back.resume.messages.map((m: { body: string }) => m.body)).toEqual(['where is my parcel?']);
    // What the widget held in its outbox is sent after the handshake: it lands in the same conversation.
    const queued = await ack(back.socket, 'message:send', { clientId: cid(), body: 'written while offline' });
    expect(queued.conversation.id).toBe(conversation.id);

    // The new token works; another tab that still holds the old one is not signed out.
    const withNew = await visit(back.token);
    expect(withNew.visitorId).toBe(first.visitorId);
    expect(withNew.token).toBe(back.token);
    const otherTab = await visit(first.token);
    expect(otherTab.visitorId).toBe(first.visitorId);
    expect(otherTab.resume.messages).toHaveLength(2);
  });

  it('a stolen token dies early when the visitor erases their data (visitor:forget)', async () => {
    const v = await visit();
    await ack(v.socket, 'message:send', { clientId: cid(), body: 'my card ends 4242' });
    await ack(v.socket, 'visitor:forget', {});
    const thief = await visit(v.token);
    expect(thief.visitorId).not.toBe(v.visitorId);
    expect(thief.resume.messages).toEqual([]);
  });

  it('a visitor who keeps coming back within its life is never signed out', async () => {
    let { token, visitorId } = await visit();
    for (let day = 10; day <= 100; day += 10) {
      vi.restoreAllMocks();
      later(day * DAY);
      const v = await visit(token);
      expect(v.visitorId).toBe(visitorId);
      v.socket.disconnect();
      ({ token, visitorId } = v);
    }
  });
});
