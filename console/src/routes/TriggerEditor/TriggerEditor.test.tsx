import type { Agent, Site, Trigger } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigate } from '../../state/router.js';
import { currentAgent } from '../../state/session.js';
import { resetTeams } from '../../state/teams.js';
import { resetTriggers } from '../../state/triggers.js';
import { Triggers } from '../Triggers/Triggers.js';

const site = { id: 'site00000001', name: 'Chez Léa', key: 'k', allowedOrigins: [], settings: { requireConsent: false, greeting: '', color: '#ff6600' }, createdAt: 0 } as Site;
let root: HTMLElement;
let requests: { method: string; url: string; body: unknown }[];
let postReply: { status: number; body: unknown };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(async () => {
  requests = [];
  postReply = { status: 201, body: null };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method, url, body });
    if (url === '/api/sites') return json(200, { items: [site] });
    if (url.startsWith('/api/triggers?')) return json(200, { items: [] });
    if (url.startsWith('/api/visitors')) return json(200, { items: [] });
    if (url === `/api/teams?siteId=${site.id}`) return json(200, [{ id: 'team00000001', siteId: site.id, name: 'Sales', memberIds: [], createdAt: 0 }]);
    if (url === '/api/triggers' && method === 'POST') {
      const saved = { id: 'trig00000001', createdAt: 1, updatedAt: 1, ...(body as object) } as Trigger;
      return json(postReply.status, postReply.status === 201 ? saved : postReply.body);
    }
    if (url.includes('/stats')) return json(200, { triggerId: 'trig00000001', funnel: [], uplift: null, daily: [] });
    return json(404, { error: { code: 'not_found', message: 'nope' } });
  });
  currentAgent.value = { id: 'agent0000001', name: 'Mia', role: 'marketer' } as Agent;
  navigate({ name: 'triggerNew' });
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Triggers />, root));
  await settle();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetTriggers();
  resetTeams();
  currentAgent.value = null;
  vi.unstubAllGlobals();
});

async function settle() {
  for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}
const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const click = (selector: string) => act(() => $(selector).click());
function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function choose(el: HTMLSelectElement, value: string) {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const posts = () => requests.filter((r) => r.method === 'POST' && r.url === '/api/triggers');

function fillValid() {
  type($('input[name=trigger-name]'), 'Checkout help');
  click('[data-test=add-condition]');
  const row = $('[data-test=condition]');
  choose(row.querySelector('select[name=operator]')!, 'starts_with');
  type(row.querySelector('input[name=value]')!, '/checkout');
  type($('[data-test=variant] textarea[name=message]'), 'Need a hand with your order?');
}

describe('Trigger editor', () => {
  it('refuses an invalid regular expression and says so next to the condition', async () => {
    fillValid();
    const row = $('[data-test=condition]');
    choose(row.querySelector('select[name=operator]')!, 'matches');
    type(row.querySelector('input[name=value]')!, '^/checkout(');
    click('[data-test=save-trigger]');
    await settle();
    expect($('[data-test=form-error]').textContent).toContain('Invalid regular expression');
    expect($('[data-test=condition] [data-test=field-error]').textContent).toContain('Invalid regular expression');
    expect(posts()).toHaveLength(0);
  });

  it('asks for the upper bound of a range, and for a variant with some weight', async () => {
    fillValid();
    const row = $('[data-test=condition]');
    choose(row.querySelector('select[name=field]')!, 'cart.total');
    choose(row.querySelector('select[name=operator]')!, 'between');
    type(row.querySelector('input[name=value]')!, '50');
    type($('input[name=weight]'), '0');
    click('[data-test=save-trigger]');
    await settle();
    const text = $('[data-test=form-error]').textContent;
    expect(text).toContain('Enter the upper bound of the range.');
    expect(text).toContain('At least one variant needs a weight above 0.');
    // Fixing a field clears its message at once.
    type($('[data-test=condition] input[name=value2]'), '200');
    expect($('[data-test=form-error]').textContent).not.toContain('upper bound');
  });

  it('posts the trigger and opens its page', async () => {
    fillValid();
    click('[data-test=add-variant]');
    const variants = root.querySelectorAll('[data-test=variant]');
    expect(variants).toHaveLength(2);
    type(variants[1]!.querySelector('textarea[name=message]')!, 'Free shipping today!');
    type($('input[name=holdout]'), '10');
    click('[data-test=save-trigger]');
    await settle();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body).toMatchObject({
      siteId: site.id,
      name: 'Checkout help',
      conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'starts_with', value: '/checkout' }] },
      variants: [
        { id: 'A', weight: 100, message: { text: 'Need a hand with your order?', senderName: '' } },
        { id: 'B', weight: 50, message: { text: 'Free shipping today!', senderName: '' } },
      ],
      holdoutPercent: 10,
    });
    expect(location.pathname).toBe('/console/triggers/trig00000001');
    expect(root.querySelector('[data-test=form-error]')).toBeNull();
    expect(root.querySelector('[data-test=trigger-stats]')).not.toBeNull();
  });

  it('routes chats from the teaser to the chosen team, none by default', async () => {
    fillValid();
    const select = $<HTMLSelectElement>('select[name=team]');
    expect([...select.options].map((o) => o.textContent)).toEqual(['None (the site’s queue)', 'Sales']);
    click('[data-test=save-trigger]');
    await settle();
    expect(posts()[0]!.body).toMatchObject({ teamId: null });

    choose($<HTMLSelectElement>('select[name=team]'), 'team00000001');
    click('[data-test=save-trigger]');
    await settle();
    const patch = requests.filter((r) => r.method === 'PATCH');
    expect(patch.at(-1)?.body).toMatchObject({ teamId: 'team00000001' });
  });

  it('shows the server’s refusal next to the condition it names', async () => {
    postReply = { status: 400, body: { error: { code: 'bad_request', message: 'conditions.0: the regular expression is not safe (nested quantifiers)' } } };
    fillValid();
    click('[data-test=save-trigger]');
    await settle();
    expect($('[data-test=form-error]').textContent).toContain('not safe (nested quantifiers)');
    expect($('[data-test=condition] [data-test=field-error]').textContent).toContain('not safe');
  });

  it('previews the teaser as the widget will show it, signed by the site when no sender is given', () => {
    type($('[data-test=variant] textarea[name=message]'), 'Hello there');
    expect($('[data-test=preview-text]').textContent).toBe('Hello there');
    expect($('[data-test=preview-sender]').textContent).toBe('Chez Léa');
    type($('[data-test=variant] input[name=sender]'), 'Léa');
    expect($('[data-test=preview-sender]').textContent).toBe('Léa');
  });
});
