import { describe, expect, it } from 'vitest';
import { copyMondayToWeekdays, formFromHours, hoursFromForm, hoursProblems, type HoursForm } from './hours-form.js';

const closedWeek = (): HoursForm => ({
  alwaysOpen: false,
  timeZone: 'Europe/Paris',
  days: Array.from({ length: 7 }, () => ({ open: false, windows: [{ open: '09:00', close: '18:00' }] })),
});

describe('hours form', () => {
  it('no hours are "always open", which saves as null', () => {
    const form = formFromHours(undefined, 'Europe/Paris');
    expect(form.alwaysOpen).toBe(true);
    expect(form.timeZone).toBe('Europe/Paris');
    expect(hoursFromForm(form)).toBeNull();
  });

  it('round-trips stored hours, midnight shown as 00:00 and saved as 24:00', () => {
    const hours = {
      timeZone: 'America/New_York',
      windows: [
        { day: 1, open: '09:00', close: '12:00' },
        { day: 1, open: '13:00', close: '24:00' },
        { day: 6, open: '10:00', close: '14:00' },
      ],
    };
    const form = formFromHours(hours, 'UTC');
    expect(form.days[1]!.windows).toEqual([
      { open: '09:00', close: '12:00' },
      { open: '13:00', close: '00:00' },
    ]);
    expect(form.days[0]!.open).toBe(false);
    expect(hoursProblems(form)).toEqual([]);
    expect(hoursFromForm(form)).toEqual(hours);
  });

  it('flags a window that does not open before it closes, a blank time and an overlap', () => {
    const form = closedWeek();
    form.days[1] = { open: true, windows: [{ open: '18:00', close: '09:00' }] };
    form.days[2] = { open: true, windows: [{ open: '', close: '12:00' }] };
    form.days[3] = {
      open: true,
      windows: [
        { open: '09:00', close: '13:00' },
        { open: '12:00', close: '18:00' },
      ],
    };
    expect(hoursProblems(form)).toEqual([
      { day: 1, index: 0, problem: 'order' },
      { day: 2, index: 0, problem: 'missing' },
      { day: 3, index: 1, problem: 'overlap' },
    ]);
  });

  it('ignores closed days when validating and saving', () => {
    const form = closedWeek();
    form.days[0] = { open: false, windows: [{ open: '18:00', close: '09:00' }] };
    form.days[5] = { open: true, windows: [{ open: '08:00', close: '16:00' }] };
    expect(hoursProblems(form)).toEqual([]);
    expect(hoursFromForm(form)).toEqual({ timeZone: 'Europe/Paris', windows: [{ day: 5, open: '08:00', close: '16:00' }] });
  });

  it('copies Monday to Tuesday–Friday, leaving the weekend', () => {
    const form = closedWeek();
    form.days[1] = { open: true, windows: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '19:00' }] };
    form.days[6] = { open: true, windows: [{ open: '10:00', close: '13:00' }] };
    const copied = copyMondayToWeekdays(form);
    for (const day of [2, 3, 4, 5]) expect(copied.days[day]).toEqual(form.days[1]);
    expect(copied.days[6]).toEqual(form.days[6]);
    expect(copied.days[0]!.open).toBe(false);
    // A copy, not the same objects: editing Tuesday later must not change Monday.
    expect(copied.days[2]!.windows[0]).not.toBe(form.days[1]!.windows[0]);
  });
});
