import { signal } from '@preact/signals';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `3 min`, `2 h` (`2 hr` in English): a number with its unit, in the agent's language. */
const unit = (value: number, name: 'second' | 'minute' | 'hour', locale: string) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);

/** Compact age for list rows: "now", "5 min", "3 h", then "2 Mar". */
export function relativeTime(at: number, now: number, locale: string, nowLabel: string): string {
  const age = Math.max(0, now - at);
  if (age < MINUTE) return nowLabel;
  if (age < HOUR) return unit(Math.floor(age / MINUTE), 'minute', locale);
  if (age < DAY) return unit(Math.floor(age / HOUR), 'hour', locale);
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
}

export function clockTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** The time it is now where the visitor is, with the place: "3:05 PM (Europe/Paris)"; the zone alone if unknown here. */
export function localTime(at: number, timeZone: string, locale: string): string {
  try {
    return `${new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(at)} (${timeZone.replace(/_/g, ' ')})`;
  } catch {
    return timeZone;
  }
}

export function fullDate(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Time spent on a page, "45 s", "3 min", "1 h 5 min" (in French; "45 sec", "1 hr 5 min" in English). */
export function duration(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return unit(seconds, 'second', locale);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute', locale);
  const hours = unit(Math.floor(minutes / 60), 'hour', locale);
  return minutes % 60 ? `${hours} ${unit(minutes % 60, 'minute', locale)}` : hours;
}

/** How long a visitor has waited for an answer, as a clock: "0:42", "12:05", "1:02:09", in the locale's digits. */
export function waitingTime(since: number, now: number, locale = 'en'): string {
  const total = Math.max(0, Math.floor((now - since) / 1000));
  const n = (value: number, digits = 1) => new Intl.NumberFormat(locale, { minimumIntegerDigits: digits, useGrouping: false }).format(value);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = n(total % 60, 2);
  return hours > 0 ? `${n(hours)}:${n(minutes, 2)}:${seconds}` : `${n(minutes)}:${seconds}`;
}

export function money(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** A clock for relative times, ticking twice a minute. */
export const now = signal(Date.now());
if (typeof window !== 'undefined') setInterval(() => (now.value = Date.now()), 30_000);
