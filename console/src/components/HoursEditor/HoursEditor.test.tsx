import type { BusinessHours } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { now } from '../../lib/format.js';
import { HoursEditor, weekdayName } from './HoursEditor.js';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  // Wednesday 2026-01-07 12:00 UTC.
  now.value = Date.UTC(2026, 0, 7, 12);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const $$ = <T extends Element = HTMLElement>(selector: string) => [...root.querySelectorAll<T>(selector)];
const day = (n: number) => $(`[data-part=hours-day][data-day="${n}"]`);
const click = (element: HTMLElement) => act(() => element.click());
function type(input: HTMLInputElement, value: string) {
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
const save = async () => {
  click($('[data-action=save-hours]'));
  await flush();
};
type OnSave = (hours: BusinessHours | null) => Promise<string | null>;
const mount = (hours: BusinessHours | null | undefined, onSave = vi.fn<OnSave>(async () => null), mode: 'site' | 'team' = 'site', siteHours?: BusinessHours) => {
  act(() => render(<HoursEditor idPrefix="t" hours={hours} mode={mode} siteHours={siteHours} legend="Business hours" onSave={onSave} />, root));
  return onSave;
};

describe('HoursEditor', () => {
  it('turns "always open" off into business days, edits them and saves the windows', async () => {
    const onSave = mount(undefined);
    expect($<HTMLInputElement>('input[name=always-open]').checked).toBe(true);
    expect($('[data-part=opening-state]').textContent).toBe('Open now');
    click($('input[name=always-open]'));
    choose($('select[name=time-zone]'), 'Asia/Tokyo');
    // 12:00 UTC is 21:00 in Tokyo, after the default 18:00 close; Thursday opens at 09:00 Tokyo.
    expect($('[data-part=opening-state]').textContent).toBe('Closed, opens Thu 09:00');
    type(day(1).querySelector<HTMLInputElement>('input[name=opens]')!, '08:30');
    click(day(1).querySelector('[data-action=add-window]')!);
    const second = day(1).querySelectorAll<HTMLInputElement>('input[name=closes]')[1]!;
    expect(second.value).toBe('00:00');
    type(day(1).querySelectorAll<HTMLInputElement>('input[name=opens]')[1]!, '19:00');
    click(day(6).querySelector('input[name=day-open]')!);
    click(day(5).querySelector('input[name=day-open]')!);
    await save();
    expect(onSave).toHaveBeenCalledWith({
      timeZone: 'Asia/Tokyo',
      windows: [
        { day: 1, open: '08:30', close: '18:00' },
        { day: 1, open: '19:00', close: '24:00' },
        { day: 2, open: '09:00', close: '18:00' },
        { day: 3, open: '09:00', close: '18:00' },
        { day: 4, open: '09:00', close: '18:00' },
        { day: 6, open: '09:00', close: '18:00' },
      ],
    });
    expect($('[data-part=hours-saved]').textContent).toBe('Hours saved.');
  });

  it('lists Monday first with the weekday names of the agent’s language', () => {
    mount({ timeZone: 'UTC', windows: [] });
    expect($$('[data-part=hours-day] legend').map((l) => l.textContent)).toEqual([1, 2, 3, 4, 5, 6, 0].map((d) => weekdayName(d)));
    expect(weekdayName(1, 'fr')).toBe('lundi');
  });

  it('refuses a window that closes before it opens, says which, and focuses it', async () => {
    const onSave = mount({ timeZone: 'UTC', windows: [{ day: 2, open: '09:00', close: '17:00' }] });
    type(day(2).querySelector<HTMLInputElement>('input[name=closes]')!, '08:00');
    expect($('[data-part=opening-state]')).toBeNull();
    await save();
    expect(onSave).not.toHaveBeenCalled();
    expect($('[data-part=hours-error]').textContent).toBe('Some hours need attention before saving.');
    const problem = day(2).querySelector('[data-part=hours-problem]')!;
    expect(problem.textContent).toBe('It must open before it closes.');
    const opens = day(2).querySelector<HTMLInputElement>('input[name=opens]')!;
    expect(opens.getAttribute('aria-invalid')).toBe('true');
    expect(opens.getAttribute('aria-describedby')).toBe(problem.id);
    expect(document.activeElement).toBe(opens);
  });

  it('copies Monday to the other weekdays', async () => {
    const onSave = mount({ timeZone: 'UTC', windows: [{ day: 1, open: '10:00', close: '16:00' }] });
    click($('[data-action=copy-monday]'));
    await save();
    expect(onSave.mock.calls[0]![0]).toEqual({ timeZone: 'UTC', windows: [1, 2, 3, 4, 5].map((d) => ({ day: d, open: '10:00', close: '16:00' })) });
  });

  it('saves null for "always open", and shows what the server said when it refuses', async () => {
    const onSave = vi.fn<OnSave>(async () => 'The settings were not saved: nope');
    mount({ timeZone: 'UTC', windows: [{ day: 1, open: '10:00', close: '16:00' }] }, onSave);
    click($('input[name=always-open]'));
    await save();
    expect(onSave).toHaveBeenCalledWith(null);
    expect($('[data-part=hours-error]').textContent).toBe('The settings were not saved: nope');
  });

  it('a team uses the site’s hours (null) or its own', async () => {
    const siteHours: BusinessHours = { timeZone: 'UTC', windows: [{ day: 3, open: '13:00', close: '14:00' }] };
    const onSave = mount(null, vi.fn<OnSave>(async () => null), 'team', siteHours);
    const [useSite, own] = $$<HTMLInputElement>('input[type=radio]');
    expect(useSite!.checked).toBe(true);
    expect($('[data-part=opening-state]').textContent).toBe('Closed, opens Wed 13:00');
    click(own!);
    expect(root.querySelector('select[name=time-zone]')).not.toBeNull();
    await save();
    expect(onSave.mock.calls[0]![0]).toMatchObject({ windows: [1, 2, 3, 4, 5].map((d) => ({ day: d, open: '09:00', close: '18:00' })) });
  });
});
