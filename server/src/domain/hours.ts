import type { BusinessHours, OpeningState } from '@causette/shared';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `at`: weekday, minutes since local midnight, and that local date as a UTC day number. */
function local(at: number, timeZone: string): { day: number; minutes: number; date: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  const date = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY;
  return { day: WEEKDAYS.indexOf(parts.weekday!), minutes, date };
}

/** The instant at which the clock in `timeZone` shows `minutes` after midnight of local day `date` (DST-aware). */
function instant(date: number, minutes: number, timeZone: string): number {
  const wall = date * DAY + minutes * MINUTE;
  let guess = wall;
  // Two rounds settle the zone's offset at that instant (the second one only matters across a DST change).
  for (let i = 0; i < 2; i++) {
    const l = local(guess, timeZone);
    guess += wall - (l.date * DAY + l.minutes * MINUTE);
  }
  return guess;
}

const clock = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function validTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `hours` are open at `now`, and when not, the next opening (looked for over the coming week). No hours
 * means always open. An unknown time zone is treated as UTC rather than closing the site.
 */
export function openingState(hours: BusinessHours | null | undefined, now: number): OpeningState {
  if (!hours) return { open: true, reopensAt: null };
  const zone = validTimeZone(hours.timeZone) ? hours.timeZone : 'UTC';
  const today = local(now, zone);
  const inWindow = hours.windows.some((w) => w.day === today.day && clock(w.open) <= today.minutes && today.minutes < clock(w.close));
  if (inWindow) return { open: true, reopensAt: null };
  let next: number | null = null;
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = today.date + ahead;
    const day = (today.day + ahead) % 7;
    for (const w of hours.windows) {
      if (w.day !== day || clock(w.open) >= clock(w.close)) continue;
      const at = instant(date, clock(w.open), zone);
      if (at > now && (next === null || at < next)) next = at;
    }
    if (next !== null) break;
  }
  return { open: false, reopensAt: next };
}
