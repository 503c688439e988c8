import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages, queueText } from '../state/messages';
import { connection } from '../state/session';
import { dismissTeaser, openTeaser, teaser } from '../state/teaser';

/**
 * A stand-in for the server at the other end of socket.io-client: it records what the widget emits and answers
 * acks the way the real server does. Everything above it — transport, state, teaser — is the real code.
 */
const server = vi.hoisted(() => {
  const handlers: Record<string, (...args: any[]) => void> = {};
  const emitted: [string, any][] = [];
  let seq = 0;
  const conversation = { id: 'conv-1', status: 'open', agent: null, lastSeq: 0, agentReadSeq: 0, visitorReadSeq: 0, createdAt: 1 };
  const answer = async (event: string, payload: any) => {
    emitted.push([event, payload]);
    if (event === 'session:resume')
      return {
        ok: true,
        token: 'tok',
        visitorId: 'vis-1',
        site: { name: 'Maison', settings: { requireConsent: false, greeting: '', color: '#000' } },
        conversation: null,
        messages: [],
      };
    if (event === 'message:send') {
      const message = { ...payload, impressionId: undefined, seq: ++seq, conversationId: 'conv-1', author: 'visitor', createdAt: 1 };
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
  return { handlers, emitted, socket, sent: (event: string) => emitted.filter(([e]) => e === event).map(([, p]) => p) };
});

vi.mock('socket.io-client', () => ({
  Manager: class {
    socket() {
      return server.socket;
    }
  },
}));

const { connect, report, gateTracking, flushTracking, pageView, updateCart, track } = await import('./socket');
const settled = () => vi.waitFor(() => expect(messages.value.every((m) => m.seq != null)).toBe(true));
const show = (impressionId: string) =>
  server.handlers['teaser:show']!({ impressionId, triggerId: 'trig-1', text: 'Need help?', senderName: '', openPanel: false });

beforeAll(async () => {
  connect({ base: 'https://chat.test', siteKey: 'shop', onReady() {}, onMessage() {}, onEnd() {} });
  server.handlers['connect']!();
  await vi.waitFor(() => expect(server.sent('session:resume')).toHaveLength(1));
});
afterAll(() => vi.resetModules());

describe('the visitor socket and triggers', () => {
  it('shows the teaser the server pushes, and tells the server when the visitor opens it', () => {
    show('imp-1');
    expect(teaser.value).toMatchObject({ impressionId: 'imp-1', text: 'Need help?' });
    openTeaser();
    expect(server.sent('teaser:open')).toEqual([{ impressionId: 'imp-1' }]);
  });

  it('credits the first message after the teaser to its impression, and only that one', async () => {
    queueText('Yes please');
    await settled();
    queueText('Size 38');
    await settled();
    expect(server.sent('message:send').map((p) => [p.body, p.impressionId])).toEqual([
      ['Yes please', 'imp-1'],
      ['Size 38', undefined],
    ]);
  });

  it('sends a dismissal, and a dismissed teaser credits nothing', async () => {
    show('imp-2');
    dismissTeaser();
    expect(server.sent('teaser:dismiss')).toEqual([{ impressionId: 'imp-2' }]);
    queueText('Just browsing');
    await settled();
    expect(server.sent('message:send').at(-1)).not.toHaveProperty('impressionId');
  });

  it('sends behaviour reports while online and drops them while offline', () => {
    const figures = { timeOnPage: 5, timeOnSite: 9, scrollDepth: 40, idleSeconds: 0, exitIntent: false };
    report(figures);
    server.handlers['disconnect']!();
    report({ ...figures, timeOnPage: 10 });
    expect(server.sent('behaviour:report')).toEqual([figures]);
  });

  it('sends no page, cart, figures or custom events before consent, and the current ones once it is given', () => {
    server.handlers['connect']!();
    return vi.waitFor(() => expect(connection.value).toBe('online')).then(() => {
      let consent = false;
      gateTracking(() => consent);
      const before = (e: string) => server.sent(e).length;
      const counts = ['page:view', 'cart:update', 'behaviour:report', 'event:track'].map(before);
      pageView({ url: 'https://shop.test/a', title: 'A', referrer: '' });
      pageView({ url: 'https://shop.test/b', title: 'B', referrer: '' });
      updateCart({ items: [], total: 12, currency: 'EUR' });
      report({ timeOnPage: 1, timeOnSite: 1, scrollDepth: 0, idleSeconds: 0, exitIntent: false });
      track({ name: 'viewed_size_guide' });
      expect(['page:view', 'cart:update', 'behaviour:report', 'event:track'].map(before)).toEqual(counts);

      consent = true;
      flushTracking();
      expect(server.sent('page:view').slice(counts[0])).toEqual([{ url: 'https://shop.test/b', title: 'B', referrer: '' }]);
      expect(server.sent('cart:update').slice(counts[1])).toEqual([{ items: [], total: 12, currency: 'EUR' }]);
      expect(server.sent('event:track').slice(counts[3])).toEqual([{ name: 'viewed_size_guide' }]);
      flushTracking();
      expect(server.sent('page:view').length).toBe(counts[0]! + 1);
    });
  });
});
