import { describe, expect, it } from 'vitest';
import { openingState } from './hours.js';

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));

describe('opening hours', () => {
  const paris = { timeZone: 'Europe/Paris', windows: weekdays('09:00', '18:00') };

  it('is always open without hours', () => {
    expect(openingState(undefined, Date.UTC(2026, 10, 28, 3))).toEqual({ open: true, reopensAt: null });
  });

  it('is open inside a window, in the site’s time zone (Paris is UTC+1 in November)', () => {
    // Thursday 26 Nov 2026, 08:30 UTC = 09:30 in Paris.
    expect(openingState(paris, Date.UTC(2026, 10, 26, 8, 30)).open).toBe(true);
    // 07:30 UTC = 08:30 in Paris: closed, opens at 09:00 Paris = 08:00 UTC the same day.
    expect(openingState(paris, Date.UTC(2026, 10, 26, 7, 30))).toEqual({ open: false, reopensAt: Date.UTC(2026, 10, 26, 8, 0) });
  });

  it('closes at the close time and, on Friday evening, reopens on Monday morning', () => {
    // Friday 27 Nov 2026, 17:00 UTC = 18:00 Paris: closed.
    expect(openingState(paris, Date.UTC(2026, 10, 27, 17, 0))).toEqual({ open: false, reopensAt: Date.UTC(2026, 10, 30, 8, 0) });
  });

  it('follows daylight saving time: 09:00 Paris is 07:00 UTC in summer', () => {
    // Monday 6 July 2026, 06:30 UTC = 08:30 Paris (UTC+2).
    expect(openingState(paris, Date.UTC(2026, 6, 6, 6, 30))).toEqual({ open: false, reopensAt: Date.UTC(2026, 6, 6, 7, 0) });
  });

  it('allows a lunch break (two windows in a day) and a window to midnight', () => {
    const shop = { timeZone: 'UTC', windows: [{ day: 4, open: '09:00', close: '12:00' }, { day: 4, open: '14:00', close: '24:00' }] };
    expect(openingState(shop, Date.UTC(2026, 10, 26, 13, 0))).toEqual({ open: false, reopensAt: Date.UTC(2026, 10, 26, 14, 0) });
    expect(openingState(shop, Date.UTC(2026, 10, 26, 23, 59)).open).toBe(true);
  });

  it('has no next opening when no window exists', () => {
    expect(openingState({ timeZone: 'UTC', windows: [] }, Date.UTC(2026, 10, 26))).toEqual({ open: false, reopensAt: null });
  });
});
