/**
 * Time-zone validity, decided one way everywhere: a zone is valid when this engine's Intl knows it. The server
 * checks opening hours and the visitor's reported zone with it, the console checks the trigger editor's field.
 * Pure and free of TypeBox, so the widget may import it (`@causette/shared/time-zone`).
 */

/** `zone` as Intl spells it (`europe/paris` → `Europe/Paris`), or '' when it is empty or unknown here. */
export function canonicalTimeZone(zone: string | null | undefined): string {
  if (!zone) return '';
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    // Intl throws a RangeError for a zone it does not know: that is the answer, not a failure.
    return '';
  }
}

/** Whether `zone` is an IANA time zone this engine knows. */
export function isTimeZone(zone: string | null | undefined): boolean {
  return canonicalTimeZone(zone) !== '';
}
