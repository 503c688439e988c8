import type { Agent, Site, Trigger, TriggerStats } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App.js';
import { navigate } from '../../state/router.js';
import { authState, currentAgent } from '../../state/session.js';
import { resetTriggers } from '../../state/triggers.js';

const site = { id: 'site00000001', name: 'Chez Léa', key: 'k', allowedOrigins: [], settings: { requireConsent: false, greeting: '', color: '#ff6600' }, createdAt: 0 } as Site;
const trigger = (id: string, name: string, priority: number, status: 'active' | 'paused' = 'active') =>
  ({
    id,
    siteId: site.id,
    name,
    status,
    priority,
    conditions: { match: 'all', conditions: [{ field: 'cart.total', operator: 'gt', value: 80 }] },
    variants: [{ id: 'A', weight: 100, message: { text: 'Hi', senderName: '' } }],
    holdoutPercent: 10,
    frequency: { per: 'session' },
    schedule: null,
    onlyWhenAgentAvailable: false,
    delaySeconds: 0,
    openPanel: false,
    createdAt: 0,
    updatedAt: 0,
  }) as Trigger;
const stats: TriggerStats = {
  triggerId: 'trigAAAAAAAA',
  funnel: [
    { variant: 'A', impressions: 300, opened: 120, conversations: 45, conversions: 24, revenue: 1200, conversionRate: 0.08 },
    { variant: 'B', impressions: 100, opened: 30, conversations: 10, conversions: 6, revenue: 300, conversionRate: 0.06 },
    { variant: 'holdout', impressions: 50, opened: 0, conversations: 0, conversions: 2, revenue: 80, conversionRate: 0.04 },
  ],
  uplift: 3.5,
  daily: [
    { day: '2026-11-24', impressions: 40, conversations: 5, conversions: 2 },
    { day: '2026-11-25', impressions: 80, conversations: 9, conversions: 4 },
  ],
};

let root: HTMLElement;
let requests: { method: string; url: string; body: unknown }[];
let patchFails = false;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  requests = [];
  patchFails = false;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method, url, body });
    if (url === '/api/sites') return json(200, { items: [site] });
    if (url.startsWith('/api/triggers?')) return json(200, { items: [trigger('trigBBBBBBBB', 'Exit offer', 5, 'paused'), trigger('trigAAAAAAAA', 'Checkout help', 50)] });
    if (url.includes('/stats')) return json(200, { ...stats, triggerId: url.split('/')[3] });
    // The trigger editor loads the site's teams (Route to team): a plain array, as the server answers.
    if (url.startsWith('/api/teams?')) return json(200, []);
    if (method === 'PATCH') {
      if (patchFails) return json(403, { error: { code: 'forbidden', message: 'no' } });
      return json(200, { ...trigger(url.split('/')[3]!, 'Checkout help', 50), ...(body as object) });
    }
    return json(200, { items: [] });
  });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetTriggers();
  currentAgent.value = null;
  authState.value = 'checking';
  vi.unstubAllGlobals();
});

async function show(role: Agent['role'], at: Parameters<typeof navigate>[0]) {
  currentAgent.value = { id: 'agent0000001', name: 'Mia', role } as Agent;
  authState.value = 'authenticated';
  navigate(at);
  act(() => render(<App />, root));
  for (let i = 0; i < 6; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}
const rows = () => [...root.querySelectorAll<HTMLElement>('[data-test=trigger-row]')];

describe('Triggers list', () => {
  it('lists the site’s triggers by priority with their status and what they earned', async () => {
    await show('marketer', { name: 'triggers' });
    expect(rows().map((r) => r.dataset.id)).toEqual(['trigAAAAAAAA', 'trigBBBBBBBB']);
    const first = rows()[0]!;
    expect(first.querySelector('[data-test=status]')!.textContent).toBe('Active');
    expect(rows()[1]!.querySelector('[data-test=status]')!.textContent).toBe('Paused');
    // Headline figures count what visitors were shown: the holdout saw nothing.
    expect(first.querySelector('[data-test=stat-impressions]')!.textContent).toBe('400');
    expect(first.querySelector('[data-test=stat-conversations]')!.textContent).toBe('55');
    expect(first.querySelector('[data-test=stat-conversions]')!.textContent).toBe('30');
    expect(root.querySelector('[data-test=new-trigger]')).not.toBeNull();
  });

  it('pauses a trigger with one click and puts it back when the server refuses', async () => {
    await show('marketer', { name: 'triggers' });
    await act(async () => rows()[0]!.querySelector<HTMLInputElement>('[data-test=toggle-status]')!.click());
    expect(requests.find((r) => r.method === 'PATCH')).toEqual({ method: 'PATCH', url: '/api/triggers/trigAAAAAAAA', body: { status: 'paused' } });
    expect(rows().find((r) => r.dataset.id === 'trigAAAAAAAA')!.dataset.status).toBe('paused');

    patchFails = true;
    await act(async () => rows().find((r) => r.dataset.id === 'trigBBBBBBBB')!.querySelector<HTMLInputElement>('[data-test=toggle-status]')!.click());
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(rows().find((r) => r.dataset.id === 'trigBBBBBBBB')!.dataset.status).toBe('paused');
    expect(root.textContent).toContain('Only admins and marketers can change triggers.');
  });

  it('gives a marketer the triggers wherever they land, and others an Inbox | Triggers nav', async () => {
    await show('marketer', { name: 'inbox' });
    expect(root.querySelector('[data-test=trigger-row]')).not.toBeNull();
    expect(root.querySelector('[data-test=nav-inbox]')).toBeNull();
    act(() => render(null, root));
    resetTriggers();
    await show('admin', { name: 'triggers' });
    expect(root.querySelector('[data-test=nav-inbox]')).not.toBeNull();
    expect(root.querySelector('[data-test=nav-triggers]')!.getAttribute('aria-current')).toBe('page');
  });
});

describe('Trigger stats', () => {
  it('shows the funnel per variant against the holdout, the uplift and the charts', async () => {
    await show('marketer', { name: 'trigger', id: 'trigAAAAAAAA' });
    expect(root.querySelector('[data-test=stat-impressions]')!.textContent).toBe('400');
    expect(root.querySelector('[data-test=stat-conversations]')!.textContent).toBe('55');
    expect(root.querySelector('[data-test=stat-conversions]')!.textContent).toBe('30');
    expect(root.querySelector('[data-test=stat-uplift]')!.textContent).toBe('+3.5 pp');
    const funnelRows = [...root.querySelectorAll<HTMLElement>('[data-test=funnel] [data-test=funnel-row]')];
    expect(funnelRows.map((r) => r.dataset.variant)).toEqual(['A', 'B', 'holdout']);
    expect(funnelRows.map((r) => r.querySelector('[data-test=conversion-rate]')!.textContent)).toEqual(['8%', '6%', '4%']);
    // The daily bars share one round scale: 80 impressions fill the 100-high axis to 4/5.
    const bars = [...root.querySelectorAll<SVGRectElement>('[data-test=daily-chart] rect')];
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights[1]! / 140).toBeCloseTo(0.8);
    expect(heights[0]! * 2).toBeCloseTo(heights[1]!);
    // The funnel bars of variant A shrink step by step.
    const widths = [...root.querySelectorAll('[data-test=funnel] svg [data-variant=A] rect')].map((r) => Number(r.getAttribute('width')));
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(widths[0]).toBeGreaterThan(widths[3]!);
    // The editor sits under the results, filled with the saved trigger.
    expect(root.querySelector<HTMLInputElement>('input[name=trigger-name]')!.value).toBe('Checkout help');
  });
});
