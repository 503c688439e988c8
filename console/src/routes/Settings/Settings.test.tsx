import type { Agent, Site } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';

const site = (overrides: Partial<Site> = {}): Site => ({
  id: 'site00000001',
  key: 'key',
  name: 'Shop',
  allowedOrigins: ['self'],
  settings: { requireConsent: false, greeting: 'Hello!', color: '#4F46E5' },
  createdAt: 0,
  ...overrides,
});

const listSites = vi.fn(async () => ({ items: [site()] }));
vi.mock('../../api/triggers.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triggers.js')>()),
  listSites: () => listSites(),
  listTriggers: vi.fn(async () => ({ items: [] })),
}));
const updateSite = vi.fn();
vi.mock('../../api/sites.js', () => ({ updateSite: (...args: unknown[]) => updateSite(...args) }));

const { authState, currentAgent } = await import('../../state/session.js');
const { resetTriggers } = await import('../../state/triggers.js');
const { Settings } = await import('./Settings.js');

const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const q = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
function click(input: HTMLElement) {
  act(() => input.click());
}

let root: HTMLElement;
beforeEach(async () => {
  currentAgent.value = { id: 'agent0000001', name: 'Ada', role: 'admin', status: 'offline' } as Agent;
  authState.value = 'authenticated';
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Settings />, root));
  await flush();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetTriggers();
  updateSite.mockReset();
  authState.value = 'anonymous';
  currentAgent.value = null;
});

describe('site settings', () => {
  it('shows a site without routing as manual, and saves the whole form in one PATCH', async () => {
    expect(root.querySelector('[data-test=nav-settings]')).not.toBeNull();
    expect(q<HTMLInputElement>('input[name=routing][value=manual]').checked).toBe(true);
    expect(q<HTMLInputElement>('input[name=greeting]').value).toBe('Hello!');
    expect(q<HTMLInputElement>('input[name=color]').value).toBe('#4f46e5');

    updateSite.mockImplementation(async (id: string, body: { settings: Site['settings'] }) => site({ id, settings: body.settings }));
    click(q('input[name=routing][value=auto]'));
    act(() => type(q('input[name=greeting]'), 'Bonjour !'));
    act(() => type(q('input[name=color]'), '#ff8800'));
    click(q('input[name=requireConsent]'));
    click(q('[data-test=save-settings]'));
    await flush();

    expect(updateSite).toHaveBeenCalledWith('site00000001', {
      settings: { routing: 'auto', greeting: 'Bonjour !', color: '#ff8800', requireConsent: true },
    });
    expect(q('[data-test=settings-saved]').textContent).toBe('Settings saved.');
    expect(q<HTMLInputElement>('input[name=routing][value=auto]').checked).toBe(true);
  });

  it('says why a save failed and keeps what the admin typed', async () => {
    updateSite.mockRejectedValue(new ApiError(400, 'validation', 'body/settings/color must match pattern'));
    act(() => type(q('input[name=greeting]'), 'Hi'));
    click(q('[data-test=save-settings]'));
    await flush();

    expect(q('[role=alert]').textContent).toContain('The settings were not saved: body/settings/color must match pattern');
    expect(root.querySelector('[data-test=settings-saved]')).toBeNull();
    expect(q<HTMLInputElement>('input[name=greeting]').value).toBe('Hi');
  });
});
