// Whether the hours are open, and when they reopen, is computed once for the server and the console in
// shared/src/hours.ts; what is left here is how the console's editor shows and picks them.

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

/** The zone this browser runs in, the default for new hours and trigger schedules; UTC when it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
