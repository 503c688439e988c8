import type { BusinessHours, OpeningState } from './schemas/hours.js';

/**
 * Opening hours, computed once for the server (routing, the visitor's "we're away") and the console (the editor's
 * "closed until…"), on the wall clock of the hours' own zone and across daylight-saving changes. Pure and free of
 * TypeBox at run time (`@causette/shared/hours`).
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Building a formatter costs far more than using one, and the sweeper asks for every open site each round.
const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** `09:30` → 570; `24:00` → 1440. */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The wall clock in `timeZone` at `at`: weekday, minutes since local midnight, and that local date as a UTC day number. */
function local(at: number, timeZone: string): { day: number; minute: number; date: number } {
  const f = formatter(timeZone) ?? formatter('UTC')!;
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const minute = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
  const date = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY;
  return { day: WEEKDAYS.indexOf(parts.weekday ?? ''), minute, date };
}

/** The weekday (0 = Sunday) and minute of the day that the wall clocks of `timeZone` show at `at`. */
export function localClock(at: number, timeZone: string): { day: number; minute: number } {
  const { day, minute } = local(at, timeZone);
  return { day, minute };
}

/** The instant at which the clock in `timeZone` shows `minute` after midnight of local day `date` (DST-aware). */
function instant(date: number, minute: number, timeZone: string): number {
  const wall = date * DAY + minute * MINUTE;
  let guess = wall;
  // Two rounds settle the zone's offset at that instant (the second one only matters across a DST change).
  for (let i = 0; i < 2; i++) {
    const l = local(guess, timeZone);
    guess += wall - (l.date * DAY + l.minute * MINUTE);
  }
  return guess;
}

/**
 * Whether `hours` are open at `now`, and when not, the next opening (looked for over the coming week; null when no
 * window exists). No hours means always open. An unknown time zone is read as UTC rather than closing the site.
 */
export function openingState(hours: BusinessHours | null | undefined, now: number): OpeningState {
  if (!hours) return { open: true, reopensAt: null };
  const zone = formatter(hours.timeZone) ? hours.timeZone : 'UTC';
  const today = local(now, zone);
  const inWindow = hours.windows.some((w) => w.day === today.day && clockMinutes(w.open) <= today.minute && today.minute < clockMinutes(w.close));
  if (inWindow) return { open: true, reopensAt: null };
  let next: number | null = null;
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = today.date + ahead;
    const day = (today.day + ahead) % 7;
    for (const w of hours.windows) {
      if (w.day !== day || clockMinutes(w.open) >= clockMinutes(w.close)) continue;
      const at = instant(date, clockMinutes(w.open), zone);
      if (at > now && (next === null || at < next)) next = at;
    }
    if (next !== null) break;
  }
  return { open: false, reopensAt: next };
}
