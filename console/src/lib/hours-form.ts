import { clockMinutes, type BusinessHours } from '@causette/shared';

export interface WindowForm {
  open: string;
  /** As the time input shows it: `00:00` as a closing time means midnight at the end of the day. */
  close: string;
}
export interface DayForm {
  open: boolean;
  windows: WindowForm[];
}
export interface HoursForm {
  /** No hours at all: chats are always possible. */
  alwaysOpen: boolean;
  timeZone: string;
  /** Indexed by weekday, 0 = Sunday, as `Date.getDay()`. */
  days: DayForm[];
}

/** The week as the editor lists it: Monday first. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const WEEKDAYS = [1, 2, 3, 4, 5];
const DEFAULT_WINDOW: WindowForm = { open: '09:00', close: '18:00' };
export const MAX_WINDOWS = 28;

/** Business days 09:00–18:00: where an admin who switches "always open" off most likely starts. */
function defaultDays(): DayForm[] {
  return Array.from({ length: 7 }, (_, day) => ({ open: WEEKDAYS.includes(day), windows: [{ ...DEFAULT_WINDOW }] }));
}

export function formFromHours(hours: BusinessHours | null | undefined, fallbackZone: string): HoursForm {
  if (!hours) return { alwaysOpen: true, timeZone: fallbackZone, days: defaultDays() };
  const days: DayForm[] = Array.from({ length: 7 }, () => ({ open: false, windows: [] }));
  for (const w of [...hours.windows].sort((a, b) => a.open.localeCompare(b.open))) {
    days[w.day]!.open = true;
    days[w.day]!.windows.push({ open: w.open, close: w.close === '24:00' ? '00:00' : w.close });
  }
  for (const day of days) if (!day.windows.length) day.windows.push({ ...DEFAULT_WINDOW });
  return { alwaysOpen: false, timeZone: hours.timeZone, days };
}

const closeMinutes = (close: string) => (close === '00:00' || close === '24:00' ? 24 * 60 : clockMinutes(close));
const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export type WindowProblem = 'missing' | 'order' | 'overlap';
export interface HoursProblem {
  day: number;
  index: number;
  problem: WindowProblem;
}

/** What stops the form from saving, per window of an open day: a blank time, open not before close, an overlap. */
export function hoursProblems(form: HoursForm): HoursProblem[] {
  if (form.alwaysOpen) return [];
  const problems: HoursProblem[] = [];
  form.days.forEach((day, dayIndex) => {
    if (!day.open) return;
    const spans: { index: number; start: number; end: number }[] = [];
    day.windows.forEach((w, index) => {
      if (!CLOCK.test(w.open) || !CLOCK.test(w.close)) return void problems.push({ day: dayIndex, index, problem: 'missing' });
      const start = clockMinutes(w.open);
      const end = closeMinutes(w.close);
      if (start >= end) return void problems.push({ day: dayIndex, index, problem: 'order' });
      spans.push({ index, start, end });
    });
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.start < sorted[i - 1]!.end) problems.push({ day: dayIndex, index: sorted[i]!.index, problem: 'overlap' });
    }
  });
  return problems;
}

/** What the API stores: null for always open; closed days have no windows. Only call on a form without problems. */
export function hoursFromForm(form: HoursForm): BusinessHours | null {
  if (form.alwaysOpen) return null;
  const windows: BusinessHours['windows'] = [];
  for (const day of WEEK_ORDER) {
    const d = form.days[day]!;
    if (!d.open) continue;
    for (const w of [...d.windows].sort((a, b) => a.open.localeCompare(b.open))) {
      windows.push({ day, open: w.open, close: w.close === '00:00' ? '24:00' : w.close });
    }
  }
  return { timeZone: form.timeZone, windows: windows.slice(0, MAX_WINDOWS) };
}

/** Tuesday to Friday take Monday's state and windows. */
export function copyMondayToWeekdays(form: HoursForm): HoursForm {
  const monday = form.days[1]!;
  return {
    ...form,
    days: form.days.map((day, index) => (index >= 2 && index <= 5 ? { open: monday.open, windows: monday.windows.map((w) => ({ ...w })) } : day)),
  };
}

export function windowCount(form: HoursForm): number {
  return form.days.reduce((n, d) => n + (d.open ? d.windows.length : 0), 0);
}
