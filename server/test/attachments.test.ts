/**
 * Attachments both ways against a real server with its real disk (a temporary DATA_DIR): content sniffing, the
 * size limit while streaming, who may send which upload, download headers, and erasure of files with their visitor.
 */
import type { Attachment, Message } from '@causette/shared';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrivacyService } from '../src/domain/privacy.js';
import { ack, agentSocket, closeAllSockets, connected, login, nextEvent, startServer, visitorSocket, type Running } from './support/harness.js';
import { imageSize } from 'image-size';
import { jpeg } from './support/jpeg.js';

const LIMIT = 200_000;
let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer({ CAUSETTE_ATTACHMENT_MAX_BYTES: String(LIMIT) });
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

/** A genuine PNG of the given size (random pixels, so it does not compress away). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let i = 0; i < rows.length; i++) rows[i] = i % (width * 3 + 1) === 0 ? 0 : (i * 2654435761) >>> 24;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function filesOnDisk(): string[] {
  const dir = join(server.dataDir, 'attachments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

async function chattingVisitor() {
  const socket = visitorSocket(server.base);
  await connected(socket);
  const { visitorId, token } = await ack(socket, 'session:resume', {});
  return { socket, visitorId: visitorId as string, token: token as string };
}

function visitorUpload(token: string, bytes: Buffer | ReadableStream<Uint8Array>, opts: { name?: string; type?: string; origin?: string | null; site?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': opts.type ?? 'application/octet-stream', 'x-file-name': encodeURIComponent(opts.name ?? 'file.bin') };
  if (opts.origin !== null) headers.origin = opts.origin ?? server.base;
  return fetch(`${server.base}/files/visitor?site=${opts.site ?? 'demo'}`, { method: 'POST', headers, body: bytes, ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
}

describe('attachments', () => {
  it('a visitor uploads a real PNG; their message reaches the agent as an image with its pixel size, and downloads as it was', async () => {
    const agent = agentSocket(server.base, admin);
    await connected(agent);
    const v = await chattingVisitor();
    const image = png(64, 48);
    const res = await visitorUpload(v.token, image, { name: 'photo of the dent.png', type: 'image/png' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(server.base);
    const { attachment } = (await res.json()) as { attachment: Attachment };
    expect(attachment).toMatchObject({ name: 'photo of the dent.png', size: image.length, contentType: 'image/png', width: 64, height: 48 });
    // The uploader's widget gets a signed, expiring link: the bare address is no permission.
    expect(attachment.url).toMatch(new RegExp(`^/files/${attachment.id}\\?e=\\d+&s=[\\w-]+$`));
    expect(attachment.id.length).toBeGreaterThanOrEqual(22); // 128 random bits, base64url
    expect(filesOnDisk()).toContain(attachment.id);

    const seen = nextEvent<Message>(agent, 'message:new', (m) => m.kind === 'attachment');
    const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: attachment.name, attachmentId: attachment.id });
    expect(sent.ok).toBe(true);
    const message = await seen;
    expect(message).toMatchObject({ author: 'visitor', kind: 'attachment', body: 'photo of the dent.png', attachment: { id: attachment.id, width: 64, height: 48, contentType: 'image/png' } });

    const download = await fetch(`${server.base}${attachment.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe(`inline; filename="photo of the dent.png"; filename*=UTF-8''photo%20of%20the%20dent.png`);
    expect(download.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await download.arrayBuffer()).equals(image)).toBe(true);

    // The same upload cannot go out twice; the resend of the same message is the same message.
    const again = await ack(v.socket, 'message:send', { clientId: cid(), body: 'again', attachmentId: attachment.id });
    expect(again.error.code).toBe('not_found');
    const resend = await ack(v.socket, 'message:send', { clientId: message.clientId, body: attachment.name, attachmentId: attachment.id });
    expect(resend).toMatchObject({ ok: true, seq: message.seq });
  });

  it.each([
    ['a Windows program', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(200)])],
    ['an HTML page', Buffer.from('\n  <!doctype html><html><script>alert(document.cookie)</script></html>')],
    ['an SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['binary noise', Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256))],
  ])('refuses %s named .png and claimed as image/png (415), and keeps nothing', async (_what, bytes) => {
    const v = await chattingVisitor();
    const before = filesOnDisk();
    const res = await visitorUpload(v.token, bytes, { name: 'cute-cat.png', type: 'image/png' });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unsupported_media_type');
    expect(body.error.message).toContain('PNG, JPEG, GIF or WebP');
    expect(filesOnDisk()).toEqual(before);
  });

  it('keeps no location, device or owner of a phone photo, but keeps it upright; the size said is the size served', async () => {
    const v = await chattingVisitor();
    const { file, image } = jpeg(6);
    const res = await visitorUpload(v.token, file, { name: 'IMG_2041.jpg', type: 'image/jpeg' });
    expect(res.status).toBe(200);
    const { attachment } = (await res.json()) as { attachment: Attachment };
    // Stored 640×480 on its side, shown (and so announced) 480×640.
    expect(attachment).toMatchObject({ contentType: 'image/jpeg', width: 480, height: 640 });
    const served = Buffer.from(await (await fetch(`${server.base}${attachment.url}`)).arrayBuffer());
    expect(attachment.size).toBe(served.length);
    expect(served.length).toBeLessThan(file.length);
    for (const secret of ['GPS-48.8584N', 'PhoneCo', 'Jane Doe', 'our house', 'taken at home']) expect(served.toString('latin1')).not.toContain(secret);
    expect(imageSize(served)).toMatchObject({ width: 640, height: 480, orientation: 6 });
    expect(served.subarray(served.length - image.length)).toEqual(image);
  });

  it('accepts plain text by its content, whatever it is called', async () => {
    const v = await chattingVisitor();
    const res = await visitorUpload(v.token, Buffer.from('order,qty\nA-12,3\nB-7,1 — ça marche\n'), { name: 'orders.csv', type: 'application/x-msdownload' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { attachment: Attachment }).attachment).toMatchObject({ contentType: 'text/csv', width: null, height: null });
  });

  it('refuses a file over the limit with 413 and a message naming the limit, announced or streamed, and leaves nothing on disk', async () => {
    const v = await chattingVisitor();
    const before = filesOnDisk();
    const big = Buffer.concat([png(8, 8), Buffer.alloc(LIMIT)]);
    const announced = await visitorUpload(v.token, big, { name: 'big.png' });
    expect(announced.status).toBe(413);
    expect(announced.headers.get('x-causette-max-bytes')).toBe(String(LIMIT));
    expect(announced.headers.get('access-control-allow-origin')).toBe(server.base);
    expect(((await announced.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'payload_too_large', message: 'The file is larger than the limit of 200 KB.' });

    // No Content-Length: counted as it streams, stopped past the limit.
    const chunks = [png(8, 8), ...Array.from({ length: 30 }, () => Buffer.alloc(16_384, 1))];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const streamed = await visitorUpload(v.token, stream, { name: 'big.png' });
    expect(streamed.status).toBe(413);
    expect(filesOnDisk()).toEqual(before);
    expect(filesOnDisk().some((f) => f.endsWith('.part'))).toBe(false);
  });

  it('keeps nothing of an upload cancelled half way', async () => {
    const v = await chattingVisitor();
    const before = filesOnDisk();
    const { port } = new URL(server.base);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/files/visitor?site=demo', headers: { authorization: `Bearer ${v.token}`, origin: server.base, 'content-type': 'image/png', 'content-length': '150000' } });
    req.on('error', () => {});
    req.write(png(40, 40));
    await new Promise((r) => setTimeout(r, 300));
    req.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(filesOnDisk()).toEqual(before);
    // The server is fine and the visitor can send the next one.
    expect((await visitorUpload(v.token, png(4, 4), { name: 'again.png' })).status).toBe(200);
  });

  it("another visitor's token cannot send someone else's upload, and a forged or foreign token cannot upload", async () => {
    const owner = await chattingVisitor();
    const other = await chattingVisitor();
    const { attachment } = (await (await visitorUpload(owner.token, png(4, 4), { name: 'mine.png' })).json()) as { attachment: Attachment };
    const stolen = await ack(other.socket, 'message:send', { clientId: cid(), body: 'look', attachmentId: attachment.id });
    expect(stolen.error.code).toBe('not_found');
    expect((await server.app.services.store.attachments.byId(attachment.id))?.messageId).toBeNull();

    expect((await visitorUpload(`${owner.token}x`, png(4, 4))).status).toBe(401);
    expect((await visitorUpload('', png(4, 4))).status).toBe(401);
    // A page the site does not list may not upload (and gets no CORS).
    const foreign = await visitorUpload(owner.token, png(4, 4), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.base}/files/visitor?site=demo`, { method: 'OPTIONS', headers: { origin: server.base, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-file-name');
  });

  it('an agent uploads a PDF into the chat they see; the visitor gets a download card served as an attachment with nosniff and a sandbox', async () => {
    const v = await chattingVisitor();
    const first = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Can I have the invoice?' });
    const conversationId = first.conversation.id as string;
    const upload = (headers: Record<string, string>) =>
      fetch(`${server.base}/api/files?conversationId=${conversationId}`, { method: 'POST', headers: { 'x-file-name': encodeURIComponent('Facture n°42 "final".pdf'), 'content-type': 'application/pdf', ...headers }, body: PDF });
    expect((await upload({ origin: server.base })).status).toBe(401);
    expect((await upload({ cookie: admin, origin: 'https://evil.example' })).status).toBe(403);
    const ok = await upload({ cookie: admin, origin: server.base });
    expect(ok.status).toBe(200);
    const { attachment } = (await ok.json()) as { attachment: Attachment };
    expect(attachment).toMatchObject({ contentType: 'application/pdf', name: 'Facture n°42 "final".pdf', width: null, height: null });

    const agent = agentSocket(server.base, admin);
    await connected(agent);
    const received = nextEvent<Message>(v.socket, 'message:new', (m) => m.kind === 'attachment');
    const sent = await ack(agent, 'message:send', { conversationId, clientId: cid(), body: attachment.name, attachmentId: attachment.id });
    expect(sent.ok).toBe(true);
    // The visitor's copy is behind a signed link; the console opens the bare one with its session.
    const theirs = (await received).attachment!;
    expect(theirs).toEqual({ ...attachment, url: expect.stringMatching(new RegExp(`^/files/${attachment.id}\\?e=`)) });
    expect((await fetch(`${server.base}${theirs.url}`)).status).toBe(200);

    const download = await fetch(`${server.base}${attachment.url}`, { headers: { cookie: admin } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Facture n_42 _final_.pdf"; filename*=UTF-8''Facture%20n%C2%B042%20%22final%22.pdf`);
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(download.headers.get('cache-control')).toContain('private');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${server.base}/files/AAAAAAAAAAAAAAAAAAAAAA`, { headers: { cookie: admin } })).status).toBe(404);
  });

  it('erasing a visitor deletes their files from the disk', async () => {
    const v = await chattingVisitor();
    const { attachment } = (await (await visitorUpload(v.token, png(10, 10), { name: 'me.png' })).json()) as { attachment: Attachment };
    await ack(v.socket, 'message:send', { clientId: cid(), body: 'me.png', attachmentId: attachment.id });
    const unsent = (await (await visitorUpload(v.token, png(5, 5), { name: 'draft.png' })).json()) as { attachment: Attachment };
    expect(filesOnDisk()).toEqual(expect.arrayContaining([attachment.id, unsent.attachment.id]));
    expect((await fetch(`${server.base}/api/visitors/${v.visitorId}`, { method: 'DELETE', headers: { cookie: admin } })).status).toBe(204);
    expect(filesOnDisk()).not.toContain(attachment.id);
    expect(filesOnDisk()).not.toContain(unsent.attachment.id);
    expect((await fetch(`${server.base}${attachment.url}`)).status).toBe(404);
  });

  it("retention deletes the files of the conversations it purges, and uploads never sent after a day; the visitor's export lists their files", async () => {
    const { store } = server.app.services;
    const site = (await store.sites.byKey('demo'))!;
    await store.sites.update(site.id, { settings: { ...site.settings, retentionDays: 30 } });
    try {
      const v = await chattingVisitor();
      const { attachment } = (await (await visitorUpload(v.token, png(6, 6), { name: 'old.png' })).json()) as { attachment: Attachment };
      const sent = await ack(v.socket, 'message:send', { clientId: cid(), body: 'old.png', attachmentId: attachment.id });
      const exported = await fetch(`${server.base}/api/visitors/${v.visitorId}/export`, { headers: { cookie: admin } });
      const { data } = (await exported.json()) as { data: Record<string, Array<Record<string, unknown>>> };
      expect(data.attachments).toEqual([expect.objectContaining({ id: attachment.id, name: 'old.png', content_type: 'image/png' })]);
      const keep = await chattingVisitor();
      const kept = (await (await visitorUpload(keep.token, png(6, 6), { name: 'kept.png' })).json()) as { attachment: Attachment };
      await ack(keep.socket, 'message:send', { clientId: cid(), body: 'kept.png', attachmentId: kept.attachment.id });
      const unsent = (await (await visitorUpload(keep.token, png(6, 6), { name: 'forgotten.png' })).json()) as { attachment: Attachment };
      const day = 24 * 3600 * 1000;
      await store.conversations.resolve(sent.conversation.id, Date.now() - 40 * day);
      // The sweep as it runs a day and a bit later: the unsent upload is stale by then.
      const later = new PrivacyService(store, server.app.services.notifier, () => Date.now() + day + 60_000, server.app.services.attachments.storage);
      await later.purge();
      expect(filesOnDisk()).not.toContain(attachment.id);
      expect(filesOnDisk()).not.toContain(unsent.attachment.id);
      expect(filesOnDisk()).toContain(kept.attachment.id);
      expect((await fetch(`${server.base}${attachment.url}`)).status).toBe(404);
      expect((await fetch(`${server.base}${kept.attachment.url}`)).status).toBe(200);
    } finally {
      await store.sites.update(site.id, { settings: site.settings });
    }
  });

  it('a site that turned attachments off refuses visitor uploads', async () => {
    const v = await chattingVisitor();
    const site = (await server.app.services.store.sites.byKey('demo'))!;
    await server.app.services.store.sites.update(site.id, { settings: { ...site.settings, attachments: false } });
    try {
      const res = await visitorUpload(v.token, png(4, 4));
      expect(res.status).toBe(403);
    } finally {
      await server.app.services.store.sites.update(site.id, { settings: { ...site.settings, attachments: true } });
    }
  });
});
