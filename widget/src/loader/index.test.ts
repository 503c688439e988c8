import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages, outbox } from '../state/messages';
import { conversation, unread } from '../state/conversation';
import { site, token, visitorId } from '../state/session';
import { lang } from '../i18n';
import * as transport from '../transport/socket';

// The real boot, as a shop page runs it, minus the network.
vi.mock('../transport/socket', () => ({
  connect: vi.fn(),
  pageView: vi.fn(),
  updateCart: vi.fn(),
  identify: vi.fn(),
  track: vi.fn(),
  reconnect: vi.fn(),
  resync: vi.fn(),
  report: vi.fn(),
  gateTracking: vi.fn(),
  flushTracking: vi.fn(),
}));

const page = window as unknown as { causette: ((...args: unknown[]) => void) & { q?: unknown[]; loaded?: boolean } };
const saved = () => Object.keys(localStorage).filter((k) => k.startsWith('causette:shop:'));

beforeAll(async () => {
  localStorage.clear();
  const script = document.createElement('script');
  script.type = 'text/plain'; // not run: widget.js would hand it to boot() as below
  script.src = 'https://chat.example:8443/widget.js';
  script.dataset.site = 'shop';
  document.head.append(script);
  // The embed snippet, then calls the shop makes before widget.js has arrived.
  page.causette = function (...args: unknown[]) {
    (page.causette.q = page.causette.q || []).push(args);
  } as typeof page.causette;
  page.causette('send', 'Written before the widget loaded');
  page.causette('cart', { items: [{ sku: 'MUG', name: 'Mug', price: '18', qty: 2, image: '/mug.png' }], total: 36, currency: 'eur' });
  (await import('./index')).boot(script);
});
afterAll(() => localStorage.clear());

describe('boot', () => {
  it('connects to the server the script came from, as its site', () => {
    expect(transport.connect).toHaveBeenCalledWith(expect.objectContaining({ base: 'https://chat.example:8443', siteKey: 'shop' }));
  });

  it('replays the queued calls and takes over window.causette', () => {
    expect(outbox.value.map((m) => m.body)).toEqual(['Written before the widget loaded']);
    // Only the contract's fields, in its types: the server refuses anything else.
    expect(transport.updateCart).toHaveBeenCalledWith({
      items: [{ sku: 'MUG', name: 'Mug', price: 18, qty: 2 }],
      total: 36,
      currency: 'EUR',
    });
    expect(page.causette.loaded).toBe(true);
  });

  it('puts the widget in an open shadow root, its CSS inside', () => {
    const host = document.getElementById('causette-root')!;
    expect(host.shadowRoot!.querySelector('style')!.textContent).toContain(':host');
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
  });

  it('stores nothing until consent, then the unsent message, and clears it all when consent is withdrawn', () => {
    page.causette('open');
    expect(saved()).toEqual([]);
    page.causette('consent', true);
    expect(JSON.parse(localStorage.getItem('causette:shop:outbox')!)).toMatchObject([{ body: 'Written before the widget loaded' }]);
    expect(localStorage.getItem('causette:shop:open')).toBe('true');
    page.causette('consent', false);
    expect(saved()).toEqual([]);
    page.causette('send', 'After withdrawal');
    expect(saved()).toEqual([]);
  });

  it("keeps an explicit refusal even when the site does not require consent", () => {
    site.value = { name: 'Shop', settings: { requireConsent: false, greeting: '', color: '#000000' } };
    expect(saved()).toEqual([]);
  });

  it("speaks the site's language over the page's, live, and the page's script's over both", () => {
    expect(lang()).toBe('en'); // the page says nothing; the test browser is English
    site.value = { name: 'Shop', settings: { requireConsent: false, greeting: '', color: '#000000', language: 'fr' } };
    expect(lang()).toBe('fr');
    page.causette('language', 'en');
    expect(lang()).toBe('en');
    site.value = { name: 'Shop', settings: { requireConsent: false, greeting: '', color: '#000000', language: 'fr' } };
    expect(lang()).toBe('en');
  });

  it('tells listeners when the panel opens and closes', () => {
    const seen: string[] = [];
    page.causette('on', 'open', () => seen.push('open'));
    page.causette('on', 'close', () => seen.push('close'));
    page.causette('close');
    page.causette('toggle');
    expect(seen).toEqual(['close', 'open']);
  });
});

describe('another tab', () => {
  const tokenWritten = (t: string, v: string) =>
    window.dispatchEvent(new StorageEvent('storage', { key: 'causette:shop:token', newValue: JSON.stringify({ t, v }) }));

  it('lends its visitor to a tab that has not connected yet', () => {
    tokenWritten('token-a', 'visitor-a');
    expect(token.value).toBe('token-a');
  });

  it('does not take over a tab that is chatting as another visitor', () => {
    visitorId.value = 'visitor-b';
    token.value = 'token-b';
    conversation.value = { id: 'conv-b', status: 'open', agent: null, lastSeq: 1, agentReadSeq: 0, agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: null, createdAt: 1 };
    tokenWritten('token-a', 'visitor-a');
    expect(token.value).toBe('token-b');
    expect(transport.reconnect).not.toHaveBeenCalled();
  });

  it('clears the unread badge when the visitor reads the chat in another tab', () => {
    page.causette('close');
    conversation.value = { id: 'conv-b', status: 'open', agent: null, lastSeq: 3, agentReadSeq: 0, agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: null, createdAt: 1 };
    messages.value = [2, 3].map((seq) => ({ clientId: `a${seq}`, seq, conversationId: 'conv-b', author: 'agent' as const, body: '', createdAt: 0 }));
    expect(unread.value).toBe(2);
    window.dispatchEvent(new StorageEvent('storage', { key: 'causette:shop:read', newValue: JSON.stringify({ c: 'conv-b', s: 3 }) }));
    expect(unread.value).toBe(0);
    messages.value = [];
  });

  it('makes two fresh tabs settle on one visitor, the same one in both', () => {
    conversation.value = null;
    tokenWritten('token-c', 'visitor-c'); // visitor-c > visitor-b: this tab keeps its own
    expect(token.value).toBe('token-b');
    tokenWritten('token-a', 'visitor-a');
    expect(token.value).toBe('token-a');
    expect(transport.reconnect).toHaveBeenCalledOnce();
  });
});

describe('boot without a consent refusal', () => {
  it('stores once the site says consent is not required', async () => {
    vi.resetModules();
    localStorage.clear();
    document.getElementById('causette-root')?.remove();
    page.causette = Object.assign(function (...args: unknown[]) {
      (page.causette.q = page.causette.q || []).push(args);
    }, {}) as typeof page.causette;
    page.causette('send', 'Hello');
    (await import('./index')).boot(document.querySelector<HTMLScriptElement>('script[data-site]')!);
    const fresh = await import('../state/session');
    expect(saved()).toEqual([]);
    fresh.site.value = { name: 'Shop', settings: { requireConsent: false, greeting: '', color: '#000000' } };
    expect(JSON.parse(localStorage.getItem('causette:shop:outbox')!)).toMatchObject([{ body: 'Hello' }]);
  });
});
