import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages, queueText } from '../state/messages';
import { connection } from '../state/session';
import { retryDelay } from './backoff';

/**
 * The outbox's resends, on a fake clock, against a stand-in for the server behind socket.io-client (as in
 * socket.test.ts) that refuses `message:send` as often as a test asks, then stores it.
 */
const server = vi.hoisted(() => {
  const handlers: Record<string, (...args: any[]) => void> = {};
  const emitted: [string, any][] = [];
  const state = { refusals: 0 };
  let seq = 0;
  const conversation = { id: 'conv-1', status: 'open', agent: null, lastSeq: 0, agentReadSeq: 0, visitorReadSeq: 0, createdAt: 1 };
  const answer = async (event: string, payload: any) => {
    emitted.push([event, payload]);
    if (event === 'session:resume')
      return { ok: true, token: 'tok', visitorId: 'vis-1', site: { name: 'Maison', settings: { requireConsent: false, greeting: '', color: '#000' } }, conversation: null, messages: [] };
    if (event === 'message:send') {
      if (state.refusals > 0 && state.refusals--) return { ok: false, error: { code: 'rate_limited', message: 'Slow down' } };
      const message = { clientId: payload.clientId, body: payload.body, seq: ++seq, conversationId: 'conv-1', author: 'visitor', createdAt: 1 };
      return { ok: true, seq, message, conversation, duplicate: false };
    }
    return { ok: true };
  };
  const socket = {
    connected: true,
    active: true,
    on: (event: string, fn: (...args: any[]) => void) => (handlers[event] = fn),
    emit: (event: string, payload: any) => emitted.push([event, payload]),
    timeout: () => ({ emitWithAck: answer }),
    connect: () => socket,
    disconnect: () => socket,
  };
  return { handlers, state, socket, sends: () => emitted.filter(([e]) => e === 'message:send').length };
});

vi.mock('socket.io-client', () => ({
  Manager: class {
    socket() {
      return server.socket;
    }
  },
}));

const { connect } = await import('./socket');
const clock = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const pending = () => messages.value.filter((m) => m.seq == null).length;

/** Asserts the outbox sends nothing until `ms` has passed, then sends once. */
async function resendsAfter(ms: number): Promise<void> {
  const before = server.sends();
  await clock(ms - 1);
  expect(server.sends()).toBe(before);
  await clock(1);
  expect(server.sends()).toBe(before + 1);
}

beforeAll(async () => {
  connect({ base: 'https://chat.test', siteKey: 'shop', onReady() {}, onMessage() {}, onEnd() {} });
  server.handlers['connect']!();
  await vi.waitFor(() => expect(connection.value).toBe('online'));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  vi.useRealTimers();
  vi.resetModules();
});

describe('the delay before a resend', () => {
  it('doubles from a second up to half a minute, drawn from the upper half of that', () => {
    const failures = [0, 1, 2, 4, 5, 6, 40, 2000];
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    expect(failures.map((n) => Math.round(retryDelay(n)))).toEqual([1000, 2000, 4000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(failures.map(retryDelay)).toEqual([500, 1000, 2000, 8000, 15_000, 15_000, 15_000, 15_000]);
  });
});

describe('the outbox on a fake clock', () => {
  it('sends again after 1, 2, then 4 s while refused, and the message is stored once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    server.state.refusals = 3;
    queueText('Hello?');
    await clock(0);
    expect(server.sends()).toBe(1);
    await resendsAfter(1000);
    await resendsAfter(2000);
    await resendsAfter(4000);
    expect(pending()).toBe(0);
    // Stored: nothing more goes out.
    await clock(60_000);
    expect(server.sends()).toBe(4);
  });

  it('starts again from a second once the server has answered', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    server.state.refusals = 1;
    queueText('Still there?');
    await clock(0);
    await resendsAfter(1000);
    expect(pending()).toBe(0);
  });

  it('never waits more than half a minute', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    server.state.refusals = 8;
    queueText('Anyone?');
    await clock(0);
    for (const ms of [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]) await resendsAfter(ms);
    expect(pending()).toBe(0);
  });

  it('keeps one resend scheduled when a new message starts a send meanwhile', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    server.state.refusals = 2;
    const start = server.sends();
    queueText('First');
    await clock(500);
    queueText('Second'); // the oldest goes first, and is refused again: 2 s from now, not 1 s from the start
    await clock(0);
    expect(server.sends()).toBe(start + 2);
    await clock(1999);
    expect(server.sends()).toBe(start + 2);
    await clock(1);
    expect(server.sends()).toBe(start + 4); // 'First' stored, then 'Second' at once
    expect(pending()).toBe(0);
    await clock(60_000);
    expect(server.sends()).toBe(start + 4);
  });
});
