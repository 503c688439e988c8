import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversation, visitorRead } from '../state/conversation';
import { messages, queueText } from '../state/messages';
import { draft } from '../state/panel';
import { connection, forgotten, token, visitorId } from '../state/session';
import { teaser } from '../state/teaser';

/**
 * The visitor's erasure over the transport: `visitor:forget`, then `session:end {reason: 'erased'}` from the
 * server, which every tab of the visitor receives. A stand-in for the server behind socket.io-client, as in
 * socket.test.ts; the transport and state above it are the real code.
 */
const server = vi.hoisted(() => {
  const handlers: Record<string, (...args: any[]) => void> = {};
  const emitted: [string, any][] = [];
  const calls = { connect: 0, disconnect: 0 };
  const state = { visitor: 'vis-1', token: 'tok-1', auth: undefined as undefined | ((cb: (data: object) => void) => void), onForget: (): any => ({ ok: true }) };
  const conversation = { id: 'conv-1', status: 'open', agent: null, lastSeq: 1, agentReadSeq: 0, visitorReadSeq: 0, queue: null, createdAt: 1 };
  const answer = async (event: string, payload: any) => {
    emitted.push([event, payload]);
    if (event === 'session:resume')
      return {
        ok: true,
        token: state.token,
        visitorId: state.visitor,
        site: { name: 'Maison', settings: { requireConsent: false, greeting: '', color: '#000' } },
        conversation: state.visitor === 'vis-1' ? conversation : null,
        messages: state.visitor === 'vis-1' ? [{ id: 'm1', conversationId: 'conv-1', seq: 1, clientId: 'c1', author: 'agent', authorId: 'a', authorName: 'Ana', kind: 'text', body: 'Hello Léa', createdAt: 1 }] : [],
        agentsOnline: true,
      };
    if (event === 'visitor:forget') return state.onForget();
    if (event === 'message:send') {
      const message = { ...payload, seq: 1, conversationId: 'conv-2', author: 'visitor', createdAt: 2 };
      return { ok: true, seq: 1, message, conversation: { ...conversation, id: 'conv-2', createdAt: 2 }, duplicate: false };
    }
    return { ok: true };
  };
  const socket = {
    connected: true,
    active: true,
    disconnected: false,
    on: (event: string, fn: (...args: any[]) => void) => (handlers[event] = fn),
    emit: (event: string, payload: any) => emitted.push([event, payload]),
    timeout: () => ({ emitWithAck: answer }),
    connect: () => {
      calls.connect++;
      socket.connected = true;
      handlers['connect']!();
      return socket;
    },
    disconnect: () => {
      calls.disconnect++;
      socket.connected = false;
      handlers['disconnect']!('io client disconnect');
      return socket;
    },
  };
  const handshake = () => new Promise<any>((resolve) => state.auth!(resolve));
  return { handlers, emitted, socket, calls, state, handshake, sent: (event: string) => emitted.filter(([e]) => e === event).map(([, p]) => p) };
});

vi.mock('socket.io-client', () => ({
  Manager: class {
    socket(_nsp: string, options: { auth: (cb: (data: object) => void) => void }) {
      server.state.auth = options.auth;
      return server.socket;
    }
  },
}));

const { connect, forgetVisitor, identify } = await import('./socket');
const onEnd = vi.fn();

beforeAll(async () => {
  connect({ base: 'https://chat.test', siteKey: 'shop', conversationId: 'conv-1', onReady() {}, onMessage() {}, onEnd });
  server.handlers['connect']!();
  await vi.waitFor(() => expect(connection.value).toBe('online'));
});
afterAll(() => vi.resetModules());

describe("the visitor's erasure", () => {
  it('asks the server, then forgets the token, the conversation, the messages and what is stored, and stays offline', async () => {
    identify({ id: 'cust-42', email: 'lea@example.com' });
    expect(messages.value.map((m) => m.body)).toEqual(['Hello Léa']);
    expect(await server.handshake()).toMatchObject({ siteKey: 'shop', token: 'tok-1' });
    draft.value = 'half a sentence';
    visitorRead.value = { c: 'conv-1', s: 1 };
    teaser.value = { impressionId: 'imp-1', triggerId: 't', text: 'Hi', senderName: '', openPanel: false, at: 1 };

    // The server's order: session:end to every tab of the visitor (this one included), then the ack.
    server.state.onForget = () => {
      server.handlers['session:end']!({ reason: 'erased' });
      return { ok: true };
    };
    expect(await forgetVisitor()).toBe(true);
    expect(server.sent('visitor:forget')).toEqual([{}]);
    expect(forgotten.value).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect([token.value, visitorId.value, conversation.value, visitorRead.value, teaser.value, draft.value]).toEqual([undefined, undefined, null, null, null, '']);
    expect(messages.value).toEqual([]);
    // It closed the socket itself, and does not come back by itself.
    expect(server.calls.disconnect).toBe(1);
    expect(connection.value).toBe('offline');
    expect(server.calls.connect).toBe(0);
  });

  it("comes back as someone new when the visitor writes again: no token, no old conversation, no old identity", async () => {
    server.state.visitor = 'vis-2';
    server.state.token = 'tok-2';
    const resumes = server.sent('session:resume').length;
    const identities = server.sent('visitor:identify').length;
    queueText('Hello again');
    expect(forgotten.value).toBe(false);
    expect(server.calls.connect).toBe(1);
    const auth = await server.handshake();
    expect(auth).toEqual({ siteKey: 'shop' });
    expect(JSON.parse(JSON.stringify(auth))).toEqual({ siteKey: 'shop' });
    await vi.waitFor(() => expect(server.sent('message:send')).toHaveLength(1));
    expect(server.sent('session:resume').slice(resumes)).toEqual([{ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }]);
    // The shop's earlier identify call was about the erased visitor: it is not replayed for the new one.
    expect(server.sent('visitor:identify')).toHaveLength(identities);
    await vi.waitFor(() => expect(visitorId.value).toBe('vis-2'));
    expect(token.value).toBe('tok-2');
    await vi.waitFor(() => expect(messages.value.map((m) => [m.body, m.seq])).toEqual([['Hello again', 1]]));
  });

  it('another tab forgets too when the server tells it, without having asked', async () => {
    onEnd.mockClear();
    server.handlers['session:end']!({ reason: 'erased' });
    expect(forgotten.value).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(messages.value).toEqual([]);
    expect(token.value).toBeUndefined();
  });

  it('says so when the erasure could not be asked for (offline) or was refused', async () => {
    expect(connection.value).toBe('offline');
    expect(await forgetVisitor()).toBe(true); // still forgotten from before: nothing to do
    forgotten.value = false;
    expect(await forgetVisitor()).toBe(false);
    server.socket.connect();
    await vi.waitFor(() => expect(connection.value).toBe('online'));
    server.state.onForget = () => ({ ok: false, error: { code: 'rate_limited', message: 'Slow down' } });
    expect(await forgetVisitor()).toBe(false);
    expect(forgotten.value).toBe(false);
  });
});
