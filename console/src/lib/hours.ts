import type { BusinessHours, OpeningState } from '@causette/shared';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** `09:30` → 570; `24:00` → 1440. */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The weekday (0 = Sunday) and minute of the day that the wall clocks of `timeZone` show at `at`. */
export function localClock(at: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return { day: WEEKDAYS[part('weekday')] ?? 0, minute: (Number(part('hour')) % 24) * 60 + Number(part('minute')) };
}

/**
 * Whether `hours` are open at `at` and, when closed, the next opening (epoch ms; null when no window exists).
 * No hours at all means always open. Computed on the zone's own wall clock, so the admin's browser zone is irrelevant.
 */
export function openingState(hours: BusinessHours | null | undefined, at: number): OpeningState {
  if (!hours) return { open: true, reopensAt: null };
  const { day, minute } = localClock(at, hours.timeZone);
  const open = hours.windows.some((w) => w.day === day && clockMinutes(w.open) <= minute && minute < clockMinutes(w.close));
  if (open) return { open: true, reopensAt: null };
  let best: number | null = null;
  for (const w of hours.windows) {
    const start = clockMinutes(w.open);
    if (start >= clockMinutes(w.close)) continue;
    let ahead = (w.day - day + 7) % 7;
    if (ahead === 0 && start <= minute) ahead = 7;
    const minutes = ahead * DAY_MINUTES + start - minute;
    if (best === null || minutes < best) best = minutes;
  }
  if (best === null) return { open: false, reopensAt: null };
  // Whole minutes from now on the wall clock; then one correction for a daylight-saving change on the way.
  const startOfMinute = at - (at % MINUTE);
  let reopensAt = startOfMinute + best * MINUTE;
  const landed = localClock(reopensAt, hours.timeZone);
  const wanted = (day + Math.floor((minute + best) / DAY_MINUTES)) % 7;
  const wantedMinute = (minute + best) % DAY_MINUTES;
  const drift = (landed.day - wanted) * DAY_MINUTES + landed.minute - wantedMinute;
  const wrapped = ((drift + 3.5 * DAY_MINUTES) % (7 * DAY_MINUTES)) - 3.5 * DAY_MINUTES;
  reopensAt -= wrapped * MINUTE;
  return { open: false, reopensAt };
}

/** "Mon 09:00" in the hours' zone and the agent's language, on the 24-hour clock the editor uses. */
export function formatOpening(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** Every IANA zone the browser knows, with `preferred` first if it is missing from the list (older engines). */
export function timeZones(preferred: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const list = supported.length ? [...supported] : ['UTC'];
  if (!list.includes(preferred)) list.unshift(preferred);
  return list;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
