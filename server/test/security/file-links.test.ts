/**
 * File links are not permanent bearer URLs: `/files/<id>` alone serves nothing to someone without the console
 * session of an agent who sees the chat; widgets get signed links that expire, and tampered or old ones are refused.
 */
import type { Attachment, Message } from '@causette/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from '../support/harness.js';

const HOUR = 3_600_000;
const TEXT = 'order 4411, delivery code 7305\n';
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
const SIGNED = /^\/files\/[\w-]+\?e=\d+&s=[\w-]+$/;

/** A visitor who sent a text file in their chat, and the message as their widget and the agent's console got it. */
async function sentFile() {
  const agent = agentSocket(server.base, admin);
  await connected(agent);
  const socket = visitorSocket(server.base);
  await connected(socket);
  const { token } = await ack(socket, 'session:resume', {});
  const res = await fetch(`${server.base}/files/visitor?site=demo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: server.base, 'x-file-name': 'order.txt' },
    body: TEXT,
  });
  const uploaded = ((await res.json()) as { attachment: Attachment }).attachment;
  const toAgent = nextEvent<Message>(agent, 'message:new', (m) => m.attachment?.id === uploaded.id);
  const sent = await ack(socket, 'message:send', { clientId: cid(), body: 'order.txt', attachmentId: uploaded.id });
  return { socket, uploaded, sent, agentCopy: (await toAgent).attachment!, id: uploaded.id };
}
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.base}${path}`, { headers });

describe('file links', () => {
  it('the bare address serves nothing without a session: the link alone is no longer the permission', async () => {
    const { id } = await sentFile();
    const res = await get(`/files/${id}`);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).not.toContain('7305');
    expect(JSON.parse(body).error.code).toBe('forbidden');
  });

  it('the console opens it with the session of an agent who sees the chat (same origin, cookie)', async () => {
    const { agentCopy } = await sentFile();
    expect(agentCopy.url).toBe(`/files/${agentCopy.id}`);
    const res = await get(agentCopy.url, { cookie: admin });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(TEXT);
    expect(res.headers.get('content-disposition')).toContain('order.txt');
    expect((await get('/files/AAAAAAAAAAAAAAAAAAAAAA', { cookie: admin })).status).toBe(404);
  });

  it('the widget gets signed links with every message (upload, send, live, resume, sync), and they work', async () => {
    const { socket, uploaded, sent, id } = await sentFile();
    expect(uploaded.url).toMatch(SIGNED);
    expect(sent.message.attachment.url).toMatch(SIGNED);
    const resumed = await ack(socket, 'session:resume', {});
    const synced = await ack(socket, 'message:sync', { conversationId: sent.conversation.id, afterSeq: 0 });
    const agent = agentSocket(server.base, admin);
    await connected(agent);
    const live = nextEvent<Message>(socket, 'message:new', (m) => m.author === 'agent');
    const upload = await fetch(`${server.base}/api/files?conversationId=${sent.conversation.id}`, {
      method: 'POST',
      headers: { cookie: admin, origin: server.base, 'x-file-name': 'label.txt' },
      body: 'return label\n',
    });
    const fromAgent = ((await upload.json()) as { attachment: Attachment }).attachment;
    await ack(agent, 'message:send', { conversationId: sent.conversation.id, clientId: cid(), body: 'label.txt', attachmentId: fromAgent.id });
    const links = [resumed.messages[0].attachment.url, synced.messages[0].attachment.url, (await live).attachment!.url];
    for (const url of links) expect(url).toMatch(SIGNED);
    for (const url of [sent.message.attachment.url, ...links]) expect((await get(url)).status).toBe(200);
    expect(await (await get(links[0]!)).text()).toBe(TEXT);
    expect(links[0]).toContain(`/files/${id}?`);
  });

  it('refuses a tampered link (403), a link of another file (403) and an expired one (410), serving nothing', async () => {
    const { sent, id } = await sentFile();
    const url = sent.message.attachment.url as string;
    const other = (await sentFile()).sent.message.attachment.url as string;
    const [, e, s] = /\?e=(\d+)&s=([\w-]+)$/.exec(url)!;
    const refused = [
      url.replace(/s=./, (m) => (m.endsWith('A') ? 's=B' : 's=A')),
      `/files/${id}?e=${Number(e) + 3600}&s=${s}`,
      `/files/${id}?e=${e}`,
      `/files/${id}?s=${s}`,
      other.replace(/\/files\/[\w-]+/, `/files/${id}`),
    ];
    for (const path of refused) {
      const res = await get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toContain('7305');
    }
    // A day later (and a bit: the expiry is rounded up to the hour) the widget's link is over.
    const real = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => real() + 25 * HOUR);
    const expired = await get(url);
    expect(expired.status).toBe(410);
    const body = await expired.text();
    expect(body).not.toContain('7305');
    expect(JSON.parse(body).error.code).toBe('link_expired');
  });
});
