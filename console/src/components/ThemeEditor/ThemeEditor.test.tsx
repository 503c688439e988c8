import type { Site } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contrastRatio, contrastWarnings, parseHex, textOn, themeUpdate } from './theme-form.js';

const updateSite = vi.fn();
vi.mock('../../api/sites.js', () => ({ updateSite: (...args: unknown[]) => updateSite(...args) }));

const { sites } = await import('../../state/triggers.js');
const { ThemeEditor } = await import('./ThemeEditor.js');

const site = (settings: Partial<Site['settings']> = {}): Site => ({
  id: 'site00000001',
  key: 'key',
  name: 'Shop',
  allowedOrigins: ['self'],
  settings: { requireConsent: false, greeting: 'Hello!', color: '#4F46E5', ...settings },
  createdAt: 0,
});

let root: HTMLElement;
const q = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const all = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const type = (selector: string, value: string) =>
  act(() => {
    const input = q<HTMLInputElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const choose = (selector: string, value: string) =>
  act(() => {
    const select = q<HTMLSelectElement>(selector);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
const click = (selector: string) => act(() => q(selector).click());
/** The custom property the preview draws with, as the widget does. */
const accentOf = (scheme: 'light' | 'dark') => q(`[data-test=theme-preview-${scheme}]`).style.getPropertyValue('--causette-accent');
const accentTextOf = (scheme: 'light' | 'dark') => q(`[data-test=theme-preview-${scheme}]`).style.getPropertyValue('--causette-accent-text');

function mount(s: Site = site()) {
  sites.value = [s];
  act(() => render(<ThemeEditor site={s} />, root));
}
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  updateSite.mockReset();
});

describe('the appearance form', () => {
  it("starts from the site's settings, with the defaults where it has none", () => {
    mount();
    expect(q<HTMLInputElement>('input[name=themeColorHex]').value).toBe('#4f46e5');
    expect(q<HTMLInputElement>('input[name=themeColor]').value).toBe('#4f46e5');
    // No corner chosen: the end of the reading direction, said as such (not "right", wrong on an Arabic page).
    expect(q<HTMLInputElement>('input[name=themePosition][value=auto]').checked).toBe(true);
    expect(q<HTMLInputElement>('input[name=themePosition][value=right]').checked).toBe(false);
    expect(q<HTMLInputElement>('input[name=launcherText]').value).toBe('');
    expect(q<HTMLInputElement>('input[name=greeting]').value).toBe('Hello!');
    expect(q<HTMLSelectElement>('select[name=darkMode]').value).toBe('auto');
    expect(q<HTMLInputElement>('input[name=showAgentAvatars]').checked).toBe(true);
    expect(q<HTMLSelectElement>('select[name=widgetLanguage]').value).toBe('');
  });

  it('updates the preview on every keystroke, before anything is saved', () => {
    mount();
    // Auto: the preview shows both schemes, in the brand colour with white text on it.
    expect(accentOf('light')).toBe('#4f46e5');
    expect(accentOf('dark')).toBe('#4f46e5');
    expect(accentTextOf('light')).toBe('#ffffff');

    type('input[name=themeColorHex]', '#fde0');
    // Half a code: the preview keeps the last colour, the field says what is wrong.
    expect(accentOf('light')).toBe('#4f46e5');
    expect(q('[data-test=theme-color-invalid]').textContent).toBe('Enter the colour as a hex code, like #4f46e5.');
    expect(q('input[name=themeColorHex]').getAttribute('aria-invalid')).toBe('true');
    type('input[name=themeColorHex]', '#fde047');
    expect(accentOf('light')).toBe('#fde047');
    expect(accentTextOf('light')).toBe('#000000'); // yellow takes black text
    expect(q('[data-test=theme-text-on]').textContent).toContain('black');
    type('input[name=themeColor]', '#0f766e'); // the picker
    expect(q<HTMLInputElement>('input[name=themeColorHex]').value).toBe('#0f766e');
    expect(accentOf('dark')).toBe('#0f766e');

    click('input[name=themePosition][value=left]');
    expect(q('[data-test=theme-preview-light]').dataset.position).toBe('left');

    type('input[name=launcherText]', 'Chat');
    expect(q('[data-test=preview-launcher-text]').textContent).toBe('Chat');
    type('input[name=launcherText]', 'Chat with us');
    expect(all('[data-test=preview-launcher-text]').map((e) => e.textContent)).toEqual(['Chat with us', 'Chat with us']);

    type('input[name=greeting]', 'Bonjour !');
    expect(q('[data-test=preview-greeting]').textContent).toBe('Bonjour !');

    choose('select[name=darkMode]', 'dark');
    expect(root.querySelector('[data-test=theme-preview-light]')).toBeNull();
    expect(q('[data-test=theme-preview-dark]')).not.toBeNull();

    expect(all('[data-test=preview-avatar]')).toHaveLength(2);
    click('input[name=showAgentAvatars]');
    expect(all('[data-test=preview-avatar]')).toHaveLength(0);

    choose('select[name=widgetLanguage]', 'fr');
    expect(q('[data-test=preview-visitor]').textContent).toBe('Livrez-vous en Belgique ?');
  });

  it('warns when the brand colour is hard to see against the page or the dark panel', () => {
    mount();
    // The default indigo is fine on white, but at 2.8:1 on the dark panel (the send button, focus rings).
    expect(all('[data-test=theme-contrast-warning]').map((w) => w.textContent)).toEqual([expect.stringMatching(/^Low contrast: 2\.8:1 against the dark panel/)]);
    type('input[name=themeColorHex]', '#0f766e'); // teal: 3:1 or more on both
    expect(root.querySelector('[data-test=theme-contrast-warning]')).toBeNull();
    type('input[name=themeColorHex]', '#fef9c3'); // pale yellow: invisible on white
    const [warning] = all('[data-test=theme-contrast-warning]');
    expect(warning!.textContent).toMatch(/^Low contrast: 1\.\d:1 against a white page/);
    type('input[name=themeColorHex]', '#1e1b4b'); // near black: lost on the dark panel, fine on white
    expect(all('[data-test=theme-contrast-warning]').map((w) => w.textContent)).toEqual([expect.stringMatching(/against the dark panel/)]);
    choose('select[name=darkMode]', 'light'); // never dark: nothing to warn about
    expect(root.querySelector('[data-test=theme-contrast-warning]')).toBeNull();
  });

  it('saves only the appearance, and puts the server copy in the site list', async () => {
    mount();
    updateSite.mockImplementation(async (id: string, body: { settings: Partial<Site['settings']> }) => site({ ...body.settings }));
    type('input[name=themeColorHex]', '#0F766E');
    click('input[name=themePosition][value=left]');
    type('input[name=launcherText]', '  Chat with us ');
    type('input[name=launcherIcon]', ' https://cdn.shop.example/ana.png ');
    // The preview draws the image at once, before any save.
    expect(root.querySelector('[data-test=preview-launcher-icon]')!.getAttribute('src')).toBe('https://cdn.shop.example/ana.png');
    choose('select[name=darkMode]', 'dark');
    click('input[name=showAgentAvatars]');
    choose('select[name=widgetLanguage]', 'fr');
    click('[data-test=save-theme]');
    await flush();

    expect(updateSite).toHaveBeenCalledWith('site00000001', {
      settings: {
        color: '#0f766e',
        position: 'left',
        launcherText: 'Chat with us',
        launcherIcon: 'https://cdn.shop.example/ana.png',
        greeting: 'Hello!',
        darkMode: 'dark',
        showAgentAvatars: false,
        language: 'fr',
      },
    });
    expect(q('[data-test=theme-saved]').textContent).toBe('Appearance saved: open widgets show it now.');
    expect(sites.value[0]!.settings.position).toBe('left');
  });

  it('does not save an invalid colour', async () => {
    mount();
    type('input[name=themeColorHex]', 'indigo');
    click('[data-test=save-theme]');
    await flush();
    expect(updateSite).not.toHaveBeenCalled();
    expect(q('[data-test=theme-error]').textContent).toBe('Enter the colour as a hex code, like #4f46e5.');
  });

  it('does not save a launcher image that is not an http(s) address, and says so under the field', async () => {
    mount();
    type('input[name=launcherIcon]', 'javascript:alert(1)');
    expect(q('input[name=launcherIcon]').getAttribute('aria-invalid')).toBe('true');
    expect(q('#theme-launcher-icon-hint').textContent).toBe('The launcher image must be an http or https address, without spaces or quotes.');
    expect(root.querySelector('[data-test=preview-launcher-icon]')).toBeNull();
    click('[data-test=save-theme]');
    await flush();
    expect(updateSite).not.toHaveBeenCalled();
    expect(q('[data-test=theme-error]').textContent).toBe('The launcher image must be an http or https address, without spaces or quotes.');
  });

  it('says why a save failed', async () => {
    mount();
    updateSite.mockRejectedValue(Object.assign(new Error('boom'), {}));
    click('[data-test=save-theme]');
    await flush();
    expect(q('[data-test=theme-error]').textContent).toBe('The settings were not saved: boom');
    expect(root.querySelector('[data-test=theme-saved]')).toBeNull();
  });
});

describe('colours', () => {
  it('reads hex codes as typed', () => {
    expect(parseHex('#ABC')).toBe('#aabbcc');
    expect(parseHex('0f766e')).toBe('#0f766e');
    expect(parseHex(' #0F766E ')).toBe('#0f766e');
    expect(parseHex('#0f766')).toBeNull();
    expect(parseHex('red')).toBeNull();
  });

  it('measures contrast as WCAG does and picks the text colour the widget picks', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#4f46e5', '#ffffff')).toBeCloseTo(6.29, 1);
    expect(textOn('#4f46e5')).toBe('#ffffff');
    expect(textOn('#facc15')).toBe('#000000');
    expect(contrastWarnings('#4f46e5', 'auto')).toEqual([expect.objectContaining({ scheme: 'dark' })]);
  });

  it('clears the corner when none is chosen, so the widget follows the reading direction', () => {
    const form = { color: '#4f46e5', position: undefined, launcherText: '', launcherIcon: '', greeting: '', darkMode: 'auto' as const, showAgentAvatars: true, language: '' };
    expect(themeUpdate(form).settings!.position).toBeNull();
    expect(themeUpdate({ ...form, position: 'left' }).settings!.position).toBe('left');
  });
});
