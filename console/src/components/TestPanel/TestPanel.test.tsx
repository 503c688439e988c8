import type { VisitorContext } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TriggerTestResult } from '../../api/triggers.js';
import { TestPanel } from './TestPanel.js';

const visitor = {
  visitorId: 'visitor00001',
  name: 'Visitor 42',
  currentPage: { url: 'https://shop.example/checkout', path: '/checkout', title: 'Checkout', referrer: '', at: 0 },
  cart: { items: [], total: 95, currency: 'EUR' },
  utm: { source: 'newsletter', medium: '', campaign: '' },
} as unknown as VisitorContext;
const results: TriggerTestResult[] = [
  {
    triggerId: 'trigOTHER001',
    name: 'Exit offer',
    matched: true,
    wouldShow: false,
    blockedBy: 'lower_priority',
    checks: [{ path: '0', text: 'exit_intent is true', passed: true, actual: 'true' }],
  },
  {
    triggerId: 'trigTHIS0001',
    name: 'Checkout help',
    matched: false,
    wouldShow: false,
    blockedBy: null,
    checks: [
      { path: '0', text: 'page.path starts with /checkout', passed: true, actual: '/checkout' },
      { path: '1', text: 'cart.total > 100', passed: false, actual: '95' },
    ],
  },
];

let root: HTMLElement;
let bodies: unknown[];
beforeEach(() => {
  bodies = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url.startsWith('/api/visitors')) return new Response(JSON.stringify({ items: [visitor] }), { status: 200 });
    bodies.push(JSON.parse(String(init.body)));
    return new Response(JSON.stringify({ state: {}, results }), { status: 200 });
  });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});
const settle = async () => {
  for (let i = 0; i < 4; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
};

describe('TestPanel', () => {
  it('tests a live visitor and explains every trigger, this one first, condition by condition', async () => {
    act(() => render(<TestPanel siteId="site00000001" triggerId="trigTHIS0001" />, root));
    await settle();
    const select = root.querySelector<HTMLSelectElement>('select[name=visitor]')!;
    act(() => {
      select.value = 'visitor00001';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(root.querySelector<HTMLInputElement>('input[name=test-path]')!.value).toBe('/checkout');
    act(() => root.querySelector<HTMLButtonElement>('[data-test=run-test]')!.click());
    await settle();
    expect(bodies).toEqual([{ siteId: 'site00000001', visitorId: 'visitor00001' }]);

    const shown = [...root.querySelectorAll<HTMLElement>('[data-test=test-result]')];
    expect(shown.map((r) => r.dataset.id)).toEqual(['trigTHIS0001', 'trigOTHER001']);
    expect(shown[0]!.querySelector('[data-test=verdict]')!.textContent).toBe('Conditions not met');
    expect([...shown[0]!.querySelectorAll('[data-test=check]')].map((c) => c.textContent)).toEqual([
      '✓page.path starts with /checkoutactual: /checkout',
      '✗cart.total > 100actual: 95',
    ]);
    expect(shown[1]!.querySelector('[data-test=verdict]')!.textContent).toBe('Blocked by a higher-priority trigger');
  });

  it('sends a made-up state when no visitor is picked', async () => {
    act(() => render(<TestPanel siteId="site00000001" triggerId={null} />, root));
    await settle();
    const input = root.querySelector<HTMLInputElement>('input[name=test-cart-total]')!;
    act(() => {
      input.value = '120';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLInputElement>('input[name=test-exit-intent]')!.click());
    act(() => root.querySelector<HTMLButtonElement>('[data-test=run-test]')!.click());
    await settle();
    expect(bodies[0]).toMatchObject({ siteId: 'site00000001', state: { cart: { total: 120 }, exitIntent: true, page: { path: '/' } } });
    expect(bodies[0]).not.toHaveProperty('visitorId');
  });

  it('isolates visitor-supplied text, so a bidi override in a name cannot reorder the panel', async () => {
    const spoofed = { ...visitor, name: 'Mal \u202Egnp.exe', currentPage: { ...visitor.currentPage!, path: '/\u202Etrats' } };
    const checked = [{ ...results[1]!, checks: [{ path: '0', text: 'page.title contains "x"', passed: false, actual: 'Cart \u202Egnp.exe' }] }];
    vi.stubGlobal('fetch', async (url: string) =>
      url.startsWith('/api/visitors') ? new Response(JSON.stringify({ items: [spoofed] }), { status: 200 }) : new Response(JSON.stringify({ state: {}, results: checked }), { status: 200 }),
    );
    act(() => render(<TestPanel siteId="site00000001" triggerId="trigTHIS0001" />, root));
    await settle();
    // An <option> holds text only: the name and path are closed by POP DIRECTIONAL ISOLATE before the panel's own " — ".
    const option = root.querySelector<HTMLOptionElement>('select[name=visitor] option[value=visitor00001]')!;
    expect(option.textContent).toBe('\u2068Mal \u202Egnp.exe\u2069 — \u2068/\u202Etrats\u2069');
    act(() => root.querySelector<HTMLButtonElement>('[data-test=run-test]')!.click());
    await settle();
    const actual = [...root.querySelectorAll('[data-test=check] *')].find((el) => el.children.length === 0 && el.textContent?.includes('Cart \u202Egnp.exe'));
    expect(actual?.closest('bdi, [dir=auto]')).toBeTruthy();
  });
});
