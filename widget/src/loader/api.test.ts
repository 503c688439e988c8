import { describe, expect, it, vi } from 'vitest';
import { createApi, createEvents, install, type Handlers } from './api';

const handlers = (): Handlers => ({
  open: vi.fn(),
  close: vi.fn(),
  toggle: vi.fn(),
  identify: vi.fn(),
  cart: vi.fn(),
  track: vi.fn(),
  send: vi.fn(),
  consent: vi.fn(),
  language: vi.fn(),
  on: vi.fn(),
});

/** What the embed snippet does before the widget arrives. */
function stubbed(): { causette?: any } {
  const host: { causette?: any } = {};
  host.causette = function (...args: unknown[]) {
    (host.causette.q = host.causette.q || []).push(args);
  };
  return host;
}

describe('the stub queue', () => {
  it('replays calls made before the widget loaded, in order, with their arguments', () => {
    const host = stubbed();
    const order: string[] = [];
    const h = handlers();
    h.consent = vi.fn(() => order.push('consent'));
    h.cart = vi.fn(() => order.push('cart'));
    h.open = vi.fn(() => order.push('open'));
    host.causette('consent', true);
    host.causette('cart', { total: 3 });
    host.causette('open');
    install(host, createApi(h));
    expect(order).toEqual(['consent', 'cart', 'open']);
    expect(h.cart).toHaveBeenCalledWith({ total: 3 });
  });

  it('takes over window.causette so later calls run at once', () => {
    const host = stubbed();
    const h = handlers();
    install(host, createApi(h));
    host.causette('send', 'Hello');
    expect(h.send).toHaveBeenCalledWith('Hello');
    expect(host.causette.loaded).toBe(true);
  });

  it('works without a stub and with arguments objects (the snippet pushes `arguments`)', () => {
    const h = handlers();
    const host: { causette?: any } = {
      causette: { q: [(function (..._: unknown[]) { return arguments; })('track', 'added', { sku: 'A' })] },
    };
    install(host, createApi(h));
    expect(h.track).toHaveBeenCalledWith('added', { sku: 'A' });
    expect(() => install({}, createApi(handlers()))).not.toThrow();
  });

  it('survives unknown commands and throwing handlers without losing the next calls', () => {
    const host = stubbed();
    const h = handlers();
    h.identify = vi.fn(() => {
      throw new Error('boom');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    host.causette('explode');
    host.causette('toString');
    host.causette('identify', {});
    host.causette('open');
    install(host, createApi(h));
    expect(h.open).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});

describe('events', () => {
  it('tells a late ready listener that the widget is ready, once', () => {
    const events = createEvents();
    const early = vi.fn();
    events.on('ready', early);
    events.emit('ready');
    events.emit('ready');
    const late = vi.fn();
    events.on('ready', late);
    expect(early).toHaveBeenCalledOnce();
    expect(late).toHaveBeenCalledOnce();
  });

  it('passes each message to message listeners', () => {
    const events = createEvents();
    const seen: unknown[] = [];
    events.on('message', (m) => seen.push(m));
    events.emit('message', { body: 'hi' });
    expect(seen).toEqual([{ body: 'hi' }]);
  });
});
