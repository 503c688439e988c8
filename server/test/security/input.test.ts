/**
 * Security catalogue — items 10 and 11: hostile input. Every socket event and every REST body is checked
 * against its schema (wrong types, operator objects, prototype keys, oversized strings, unknown fields) and
 * answered with a clear error, storing nothing; oversized frames and malformed Engine.IO/Socket.IO packets
 * close the offending connection without hurting the server.
 */
import { agentEventSchemas, visitorEventSchemas } from '@causette/shared';
import { io as connect } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from '../support/harness.js';

let server: Running;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
/** Payloads no event accepts. `__proto__` is an own key here, as JSON.parse makes it. */
const HOSTILE: Array<[string, unknown]> = [
  ['a string', 'hello'],
  ['a number', 42],
  ['an operator object', { conversationId: { $ne: null }, visitorId: { $gt: '' } }],
  ['a prototype key', JSON.parse('{"__proto__": {"role": "admin"}, "conversationId": "AAAAAAAAAAAAAAAAAAAAAA"}')],
  ['an oversized string', { conversationId: 'x'.repeat(10_000), body: 'y'.repeat(10_000), clientId: 'z'.repeat(10_000) }],
  ['an unknown field', { conversationId: ID, afterSeq: 0, clientId: 'client-12345678', body: 'hi', isAdmin: true, extra: 1 }],
];

async function countRows() {
  const rows = { conversations: 0, messages: 0 };
  for await (const { table } of server.app.services.store.exportRows()) if (table in rows) rows[table as keyof typeof rows]++;
  return rows;
}

describe('10. validation of every event and body', () => {
  it('answers every visitor event with a validation error for hostile payloads, and stores nothing (injection, prototype pollution)', async () => {
    const before = await countRows();
    const v = visitorSocket(server.base);
    await connected(v);
    for (const event of Object.keys(visitorEventSchemas)) {
      for (const [what, payload] of HOSTILE) {
        const reply = await ack(v, event, payload);
        expect(reply, `${event} with ${what}`).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
      }
    }
    expect(await countRows()).toEqual(before);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('refuses a page view whose address is not a web page, so it can never become a javascript: link (stored XSS)', async () => {
    const v = visitorSocket(server.base);
    await connected(v);
    for (const url of ['javascript:window.__pwned=1', 'data:text/html,<script>1</script>', 'JAVASCRIPT:alert(1)', ' https://x.example']) {
      expect((await ack(v, 'page:view', { url, title: 'x', referrer: '' })).error?.code, url).toBe('bad_request');
    }
    expect((await ack(v, 'page:view', { url: 'HTTPS://shop.example/cart', title: 'Cart', referrer: '' })).ok).toBe(true);
  });

  it('answers every agent event the same way (injection, prototype pollution)', async () => {
    const before = await countRows();
    const a = agentSocket(server.base, admin);
    await connected(a);
    for (const event of Object.keys(agentEventSchemas)) {
      for (const [what, payload] of HOSTILE) {
        const reply = await ack(a, event, payload);
        expect(reply, `${event} with ${what}`).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
      }
    }
    expect(await countRows()).toEqual(before);
  });

  it('answers every REST body in the OpenAPI document with a 400 for hostile bodies (mass assignment, injection)', async () => {
    const doc = (await (await fetch(`${server.base}/api/openapi.json`, { headers: { cookie: admin } })).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody)
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, ID) })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const { method, path } of routes) {
      for (const [what, payload] of HOSTILE) {
        const res = await fetch(`${server.base}${path}`, { method, headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
        expect(res.status, `${method} ${path} with ${what}`).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      }
    }
  });
});

describe('11. frames and packets', () => {
  it('closes a connection that sends a frame over the limit, keeps memory flat and serves everyone else (oversized frames)', async () => {
    const bystander = visitorSocket(server.base);
    await connected(bystander);
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 10; i++) {
      const attacker = visitorSocket(server.base);
      await connected(attacker);
      const closed = new Promise<string>((resolve) => attacker.on('disconnect', (reason) => resolve(reason)));
      attacker.emit('message:send', { clientId: `big-${i}-12345678`, body: 'x'.repeat(1_000_000) });
      expect(await closed).toBe('transport close');
    }
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect((await ack(bystander, 'message:send', { clientId: 'bystander-12345678', body: 'still here' })).ok).toBe(true);
  });

  it('survives malformed Engine.IO and Socket.IO packets on a raw WebSocket (protocol fuzzing)', async () => {
    const garbage = [
      'not a packet',
      '4',
      '40/visitor,{"siteKey":1}',
      '42["message:send"',
      '42/visitor,999["x",',
      '451-["message:send",{"_placeholder":true,"num":0}]',
      '42' + '['.repeat(5000),
      '0{"sid":"forged"}',
      '6',
      '\u0000\uffff',
      Buffer.from([0xff, 0x00, 0x13, 0x37]),
    ];
    for (const packet of garbage) {
      const ws = new WebSocket(`${server.base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { origin: server.base } });
      await new Promise<void>((resolve, reject) => {
        ws.once('message', () => resolve()); // the server's open packet
        ws.once('error', reject);
      });
      ws.send(packet);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 300);
        ws.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      ws.terminate();
    }
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    const v = visitorSocket(server.base);
    await connected(v);
    expect((await ack(v, 'message:send', { clientId: 'after-fuzz-12345678', body: 'the server is fine' })).ok).toBe(true);
  });
});

describe('5. an agent disabled while connected', () => {
  it('closes their sockets at once, and a connection-state recovery cannot bring them back (session persistence)', async () => {
    const email = `leaver-${Date.now()}@example.com`;
    const created = (await (await fetch(`${server.base}/api/agents`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ email, name: 'Leaver', password: 'leaver-long-password', siteIds: [(await server.app.services.store.sites.byKey('demo'))!.id] }) })).json()) as { id: string };
    const cookie = await login(server.base, { email, password: 'leaver-long-password' });
    const opts = { transports: ['websocket'], extraHeaders: { cookie, origin: server.base }, forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 50 };
    const recovering = connect(`${server.base}/agent`, opts);
    const open = connect(`${server.base}/agent`, { ...opts, reconnection: false });
    const visitor = visitorSocket(server.base);
    /** A broadcast to the site's agents: it carries the offset a recovery resumes from. */
    const broadcast = async () => {
      const got = new Promise((resolve) => recovering.once('conversation:update', resolve));
      await ack(visitor, 'message:send', { clientId: `leaver-${Math.random().toString(36).slice(2)}-12345678`, body: 'hello' });
      await got;
    };
    try {
      await Promise.all([connected(recovering), connected(open), connected(visitor)]);
      await broadcast();
      // Control: a console that loses its network while enabled recovers its session.
      recovering.io.engine.close();
      await new Promise<void>((resolve) => recovering.once('connect', () => resolve()));
      expect(recovering.recovered).toBe(true);
      await broadcast();

      // It loses its network again, and the agent is disabled before it comes back.
      recovering.io.reconnectionDelay(1000);
      recovering.io.reconnectionDelayMax(1000);
      recovering.io.engine.close();
      const ended = new Promise<{ reason: string }>((resolve) => open.once('session:end', resolve));
      const refused = new Promise<Error>((resolve) => recovering.once('connect_error', resolve));
      await fetch(`${server.base}/api/agents/${created.id}`, { method: 'PATCH', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
      expect((await ended).reason).toBeTruthy();
      expect((await refused).message).toBe('unauthenticated');
      expect(recovering.connected).toBe(false);
      await new Promise((r) => setTimeout(r, 100));
      expect(open.connected).toBe(false);
    } finally {
      recovering.disconnect();
      open.disconnect();
    }
  });
});
