/**
 * Security catalogue — transport and authorisation of socket events (docs/SECURITY.md items 3 and 13).
 */
import { io as connect } from 'socket.io-client';
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

describe('13. origin checks on both namespaces', () => {
  it('refuses a widget handshake from an origin the site does not allow (cross-origin embedding)', async () => {
    await expect(connected(visitorSocket(server.base, { origin: 'https://evil.example' }))).rejects.toThrow('origin_not_allowed');
  });

  it("refuses the console socket opened from another origin with the agent's cookie (cross-site WebSocket hijacking)", async () => {
    const hijack = connect(`${server.base}/agent`, {
      transports: ['websocket'],
      extraHeaders: { cookie, origin: 'https://evil.example' },
      reconnection: false,
      forceNew: true,
    });
    try {
      await expect(connected(hijack)).rejects.toThrow('origin_not_allowed');
    } finally {
      hijack.disconnect();
    }
    // The same cookie from the console's own origin works: the refusal is about the origin.
    await connected(agentSocket(server.base, cookie));
  });
});

describe('3. every event is authorised', () => {
  it('refuses an agent socket without a sign-in before any event can run (unauthenticated socket)', async () => {
    await expect(connected(agentSocket(server.base, null))).rejects.toThrow('unauthenticated');
  });

  it('answers agent and admin events sent on a visitor socket with an error, and does nothing (privilege escalation)', async () => {
    const v = visitorSocket(server.base);
    await connected(v);
    await ack(v, 'session:resume', {});
    const { conversation } = await ack(v, 'message:send', { clientId: 'c-escalate-1', body: 'hello' });
    for (const [event, payload] of [
      ['conversation:take', { conversationId: conversation.id }],
      ['conversation:close', { conversationId: conversation.id }],
      ['conversation:transfer', { conversationId: conversation.id, toAgentId: 'x' }],
      ['supervisor:overview', {}],
      ['inbox:sync', {}],
    ] as const) {
      expect(await ack(v, event, payload), event).toEqual({ ok: false, error: { code: 'bad_request', message: 'Unknown event.' } });
    }
    // Nothing moved: the chat is still open and unassigned.
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    const inbox = await ack(agent, 'inbox:sync', {});
    expect(inbox.queue.find((c: { id: string }) => c.id === conversation.id)).toMatchObject({ status: 'open', assigneeId: null });
  });
});
