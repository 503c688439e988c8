import type { Agent, Message, VisitorContext } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../testing/fake-socket.js';
import { summary } from '../../testing/fixtures.js';

let socket: FakeSocket;
vi.mock('../../api/socket.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/socket.js')>()),
  createAgentSocket: () => socket,
}));
vi.mock('../../api/canned.js', () => ({ listCanned: vi.fn(async () => ({ items: [] })) }));
vi.mock('../../state/notifications.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../state/notifications.js')>()),
  notifyVisitorMessage: vi.fn(),
  notifyQueuedChat: vi.fn(),
  notifyTransferredChat: vi.fn(),
}));

const NOW = Date.UTC(2026, 10, 26, 14, 0, 0);
const context = (overrides: Partial<VisitorContext>): VisitorContext => ({
  visitorId: 'visitor00001',
  name: 'Visitor 42',
  email: null,
  verified: false,
  firstSeenAt: NOW - 86_400_000,
  lastSeenAt: NOW,
  online: true,
  currentPage: null,
  journey: [],
  cart: null,
  device: 'desktop',
  browser: '',
  os: '',
  language: 'en',
  timeZone: '',
  visitCount: 1,
  referrer: '',
  utm: { source: '', medium: '', campaign: '' },
  lastTrigger: null,
  ...overrides,
});
const page = (path: string, title: string, at: number) => ({ url: `https://shop.example${path}`, path, title, referrer: '', at });

const shopper = context({
  visitorId: 'visitorAAAAA',
  name: 'Léa',
  journey: [page('/', 'Home', NOW - 5 * 60_000 - 20_000), page('/checkout', 'Checkout', NOW - 30_000)],
  currentPage: page('/checkout', 'Checkout', NOW - 30_000),
  cart: { items: [{ sku: 'SKU-1', name: 'Boots', price: 89.9, qty: 1 }], total: 89.9, currency: 'EUR' },
  referrer: 'https://www.google.com/search?q=boots',
  utm: { source: 'newsletter', medium: 'email', campaign: '' },
  lastTrigger: { triggerId: 'trig00000001', triggerName: 'Checkout help', variant: 'A', at: NOW - 10_000 },
});
const campaign = context({
  visitorId: 'visitorBBBBB',
  name: 'Visitor 7',
  journey: [page('/offers', '', NOW - 45_000)],
  currentPage: page('/offers', '', NOW - 45_000),
  utm: { source: 'instagram', medium: '', campaign: '' },
});
const direct = context({ visitorId: 'visitorCCCCC', name: 'Visitor 9', online: false, journey: [page('/', 'Home', NOW - 2 * 3_600_000)] });

const listLiveVisitors = vi.fn(async (_siteId: string) => ({ items: [shopper, campaign, direct] }));
vi.mock('../../api/triggers.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triggers.js')>()),
  listSites: vi.fn(async () => ({ items: [{ id: 'site00000001', name: 'Shop' }] })),
  listLiveVisitors: (siteId: string) => listLiveVisitors(siteId),
}));

const { startRealtime } = await import('../../state/realtime.js');
const { authState, currentAgent } = await import('../../state/session.js');
const { inbox, summaries } = await import('../../state/conversations.js');
const { threads } = await import('../../state/messages.js');
const { navigate, route } = await import('../../state/router.js');
const { liveVisitors } = await import('../../state/live-visitors.js');
const { Visitors } = await import('./Visitors.js');

const me = { id: 'agent0000001', name: 'Ana', role: 'agent' } as Agent;
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function server(overrides: Record<string, (payload: any) => object | undefined> = {}) {
  return (event: string, payload: any) => {
    if (overrides[event]) return overrides[event](payload);
    switch (event) {
      case 'inbox:sync':
        return { ok: true, mine: [], queue: [] };
      case 'message:sync':
        return { ok: true, messages: [], more: false };
      case 'visitor:context':
        return { ok: false, error: { code: 'not_found', message: 'gone' } };
      default:
        return undefined;
    }
  };
}

let root: HTMLElement;
let stop: () => void;
beforeAll(() => {
  stop = startRealtime();
});
afterAll(() => stop());
beforeEach(async () => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  socket = new FakeSocket(server());
  currentAgent.value = me;
  authState.value = 'authenticated';
  navigate({ name: 'visitors' }, { replace: true });
  await flush();
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Visitors />, root));
  await flush();
  await flush();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  authState.value = 'anonymous';
  currentAgent.value = null;
  navigate({ name: 'inbox' }, { replace: true });
  vi.useRealTimers();
});

const rows = () => [...root.querySelectorAll<HTMLElement>('[data-test=visitor-row]')];
const cell = (row: HTMLElement, name: string) => row.querySelector(`[data-test=visitor-${name}]`)!.textContent;

describe('Live visitors', () => {
  it('lists who is on the site, online first, with page, time, cart, source and trigger', () => {
    expect(listLiveVisitors).toHaveBeenCalledWith('site00000001');
    expect(rows().map((r) => r.dataset.visitorId)).toEqual(['visitorAAAAA', 'visitorBBBBB', 'visitorCCCCC']);
    const [lea, seven, nine] = rows();
    expect(cell(lea!, 'name')).toBe('Léa');
    expect(cell(lea!, 'page')).toBe('Checkout/checkout');
    expect(cell(lea!, 'time')).toBe('5 min');
    expect(cell(lea!, 'cart')).toBe('€89.90');
    expect(cell(lea!, 'source')).toBe('www.google.com');
    expect(cell(lea!, 'trigger')).toBe('Checkout help');
    expect(lea!.querySelector('[data-test=visitor-online]')!.getAttribute('data-online')).toBe('true');

    expect(cell(seven!, 'page')).toBe('/offers');
    expect(cell(seven!, 'time')).toBe('45 sec');
    expect(cell(seven!, 'cart')).toBe('—');
    expect(cell(seven!, 'source')).toBe('instagram');
    expect(cell(seven!, 'trigger')).toBe('—');

    expect(cell(nine!, 'source')).toBe('Direct');
    expect(cell(nine!, 'time')).toBe('2 hr');
    expect(nine!.querySelector('[data-test=visitor-online]')!.getAttribute('data-online')).toBe('false');
    expect(nine!.querySelector<HTMLButtonElement>('[data-test=start-chat]')!.disabled).toBe(true);
    expect(root.querySelector('[data-test=visitor-count]')!.textContent).toBe('2 on the site');
  });

  it('updates a row as soon as the visitor moves, without waiting for the next refresh', async () => {
    socket.fire('visitor:update', { ...campaign, currentPage: page('/cart', 'Your cart', NOW), cart: { items: [{ sku: 'S', name: 'Hat', price: 25, qty: 2 }], total: 50, currency: 'USD' } });
    await flush();
    const seven = rows().find((r) => r.dataset.visitorId === 'visitorBBBBB')!;
    expect(cell(seven, 'page')).toBe('Your cart/cart');
    expect(cell(seven, 'cart')).toBe('$50.00');
  });

  it('starts a chat with a visitor and opens it in the inbox, assigned to me', async () => {
    const chat = summary({ id: 'startedAAAAA', visitorId: shopper.visitorId, visitorName: 'Léa', assigneeId: me.id, assigneeName: me.name, lastSeq: 1 });
    socket.setResponder(
      server({
        'conversation:start': (p) => {
          const first: Message = {
            id: 'msg000000001',
            conversationId: chat.id,
            seq: 1,
            clientId: p.clientId,
            author: 'agent',
            authorId: me.id,
            authorName: me.name,
            kind: 'text',
            body: p.body,
            createdAt: NOW,
          };
          return { ok: true, conversation: { ...chat, lastMessage: first }, message: first };
        },
      }),
    );
    const [lea] = rows();
    act(() => lea!.querySelector<HTMLButtonElement>('[data-test=start-chat]')!.click());
    const field = root.querySelector<HTMLTextAreaElement>('textarea[name=opening-message]')!;
    expect(document.activeElement).toBe(field);
    expect(root.querySelector<HTMLButtonElement>('[data-test=start-chat-send]')!.disabled).toBe(true);
    act(() => {
      field.value = ' Need a hand with the checkout? ';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLButtonElement>('[data-test=start-chat-send]')!.click());
    await flush();

    const [sent] = socket.sent('conversation:start');
    expect(sent).toEqual({ visitorId: shopper.visitorId, clientId: expect.stringMatching(/^[0-9a-f-]{36}$/), body: 'Need a hand with the checkout?' });
    expect(route.value).toEqual({ name: 'conversation', id: chat.id });
    expect(inbox.value.mine.map((s) => s.id)).toContain(chat.id);
    expect(threads.value[chat.id]?.map((m) => m.body)).toEqual(['Need a hand with the checkout?']);
    expect(summaries.value[chat.id]?.assigneeId).toBe(me.id);
  });

  it('keeps the opening line and says why when the chat cannot start', async () => {
    socket.setResponder(server({ 'conversation:start': () => ({ ok: false, error: { code: 'not_found', message: 'No such visitor.' } }) }));
    act(() => rows()[0]!.querySelector<HTMLButtonElement>('[data-test=start-chat]')!.click());
    const field = root.querySelector<HTMLTextAreaElement>('textarea[name=opening-message]')!;
    act(() => {
      field.value = 'Hello';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => void field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await flush();
    expect(socket.sent('conversation:start')).toHaveLength(1);
    expect(root.querySelector('[data-test=start-chat-error]')!.textContent).toContain('No such visitor.');
    expect(root.querySelector<HTMLTextAreaElement>('textarea[name=opening-message]')!.value).toBe('Hello');
    expect(route.value).toEqual({ name: 'visitors' });
    expect(liveVisitors.value).toHaveLength(3);
  });
});
