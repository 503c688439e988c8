import type { Site } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';

const updateSite = vi.fn();
vi.mock('../../api/sites.js', () => ({ updateSite: (...args: unknown[]) => updateSite(...args) }));

const { PrechatEditor } = await import('./PrechatEditor.js');
const { sites } = await import('../../state/triggers.js');
const { slugify, fieldId } = await import('../../lib/prechat-form.js');

const site = (settings: Partial<Site['settings']> = {}): Site => ({
  id: 'site00000001',
  key: 'key',
  name: 'Shop',
  allowedOrigins: ['self'],
  settings: { requireConsent: false, greeting: 'Hello!', color: '#4f46e5', ...settings },
  createdAt: 0,
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  updateSite.mockReset();
  sites.value = [];
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const $$ = <T extends Element = HTMLElement>(selector: string) => [...root.querySelectorAll<T>(selector)];
function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const click = (element: HTMLElement) => act(() => element.click());
const save = async () => {
  click($('[data-action=save-prechat]'));
  await flush();
};
const labels = () => $$<HTMLInputElement>('input[name=field-label]').map((i) => i.value);

describe('slugs', () => {
  it('turn a label into a key the answers are stored under', () => {
    expect(slugify('Order number')).toBe('order_number');
    expect(slugify('N° de commande ?')).toBe('n_de_commande');
    expect(slugify('2nd address')).toBe('f_2nd_address');
    expect(slugify('???')).toBe('');
    expect(fieldId('Order number', ['order_number'])).toBe('order_number_2');
  });
});

describe('PrechatEditor', () => {
  it('sends the whole pre-chat form, ratings and files settings in one site PATCH', async () => {
    const shop = site();
    sites.value = [shop];
    updateSite.mockImplementation(async (_id: string, body: { settings: Partial<Site['settings']> }) => ({ ...shop, settings: { ...shop.settings, ...body.settings } }));
    act(() => render(<PrechatEditor site={shop} />, root));

    click($('input[name=prechat-enabled]'));
    choose($('select[name=prechat-name]'), 'required');
    choose($('select[name=prechat-email]'), 'off');
    click($('input[name=prechat-askTeam]'));
    click($('[data-action=add-field]'));
    type($('input[name=field-label]'), 'Order number');
    expect($('[data-part=field-id]').textContent).toContain('order_number');
    click($('input[name=field-required]'));
    click($('[data-action=add-field]'));
    const second = $$('[data-part=prechat-field]')[1]!;
    type(second.querySelector('input[name=field-label]')!, 'Topic');
    choose(second.querySelector('select[name=field-type]')!, 'select');
    type(second.querySelector('textarea[name=field-options]')!, 'Delivery\n\n  Returns \n');
    click($('input[name=csat]'));
    await save();

    expect(updateSite).toHaveBeenCalledWith('site00000001', {
      settings: {
        prechat: {
          enabled: true,
          name: 'required',
          email: 'off',
          askTeam: true,
          fields: [
            { id: 'order_number', label: 'Order number', type: 'text', required: true },
            { id: 'topic', label: 'Topic', type: 'select', required: false, options: ['Delivery', 'Returns'] },
          ],
        },
        csat: false,
        attachments: true,
      },
    });
    expect($('[data-part=prechat-saved]').textContent).toBe('Pre-chat form saved.');
    expect(sites.value[0]!.settings.prechat?.fields).toHaveLength(2);
  });

  it('keeps a saved question’s key when it is reworded, so earlier answers keep their label', () => {
    const shop = site({ prechat: { enabled: true, name: 'optional', email: 'optional', askTeam: false, fields: [{ id: 'order', label: 'Order', type: 'text', required: false }] } });
    act(() => render(<PrechatEditor site={shop} />, root));
    type($('input[name=field-label]'), 'Order reference');
    expect($('[data-part=field-id]').textContent).toContain('“order”');
  });

  it('reorders and removes questions', async () => {
    const fields = ['One', 'Two', 'Three'].map((label) => ({ id: label.toLowerCase(), label, type: 'text' as const, required: false }));
    const shop = site({ prechat: { enabled: true, name: 'optional', email: 'optional', askTeam: false, fields } });
    updateSite.mockResolvedValue(shop);
    act(() => render(<PrechatEditor site={shop} />, root));
    expect($('[data-action=move-up]').hasAttribute('disabled')).toBe(true);
    click($$('[data-action=move-down]')[0]!);
    expect(labels()).toEqual(['Two', 'One', 'Three']);
    click($$('[data-action=move-up]')[2]!);
    expect(labels()).toEqual(['Two', 'Three', 'One']);
    expect($$('[data-action=remove-field]')[1]!.getAttribute('aria-label')).toBe('Remove “Three”');
    click($$('[data-action=remove-field]')[1]!);
    expect(labels()).toEqual(['Two', 'One']);
    await save();
    expect(updateSite.mock.calls[0]![1].settings.prechat.fields.map((f: { id: string }) => f.id)).toEqual(['two', 'one']);
  });

  it('refuses to save a question without wording, a choice list without choices, and gives a repeated wording its own key', async () => {
    act(() => render(<PrechatEditor site={site()} />, root));
    click($('[data-action=add-field]'));
    click($('[data-action=add-field]'));
    click($('[data-action=add-field]'));
    const rows = $$('[data-part=prechat-field]');
    type(rows[1]!.querySelector('input[name=field-label]')!, 'Size');
    choose(rows[1]!.querySelector('select[name=field-type]')!, 'select');
    type(rows[2]!.querySelector('input[name=field-label]')!, 'Size');
    // A new question with the same wording gets a distinct key on its own.
    expect(rows[2]!.getAttribute('data-field-id')).toBe('size_2');
    await save();

    expect(updateSite).not.toHaveBeenCalled();
    expect($('[data-part=prechat-error]').textContent).toBe('Some questions need attention before saving.');
    expect($$('[data-part=field-problem]').map((p) => p.textContent)).toEqual(['Give the question a wording.', 'A choice list needs at least one choice.']);
    const first = rows[0]!.querySelector('input[name=field-label]')!;
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(first.getAttribute('aria-describedby')).toContain(rows[0]!.querySelector('[data-part=field-problem]')!.id);
    expect(document.activeElement).toBe(first);
  });

  it('shows the server’s refusal and saves nothing silently', async () => {
    updateSite.mockRejectedValue(new ApiError(403, 'forbidden', 'no'));
    act(() => render(<PrechatEditor site={site()} />, root));
    await save();
    expect($('[data-part=prechat-error]').textContent).toBe('Only admins can change site settings.');
    expect(root.querySelector('[data-part=prechat-saved]')).toBeNull();
  });

  it('defaults: ratings and files on when the site never set them', () => {
    act(() => render(<PrechatEditor site={site()} />, root));
    expect($<HTMLInputElement>('input[name=csat]').checked).toBe(true);
    expect($<HTMLInputElement>('input[name=attachments]').checked).toBe(true);
    expect($<HTMLInputElement>('input[name=prechat-enabled]').checked).toBe(false);
  });
});
