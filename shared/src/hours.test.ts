import { describe, expect, it } from 'vitest';
import { localClock, openingState } from './hours.js';
import type { BusinessHours } from './schemas/hours.js';

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));

// The server's cases (Paris, November and July).
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

  it('reads an unknown time zone as UTC rather than closing the site', () => {
    const nowhere = { timeZone: 'Nowhere/Atlantis', windows: weekdays('09:00', '18:00') };
    expect(openingState(nowhere, Date.UTC(2026, 10, 26, 9, 30)).open).toBe(true);
    expect(openingState(nowhere, Date.UTC(2026, 10, 26, 8, 30))).toEqual({ open: false, reopensAt: Date.UTC(2026, 10, 26, 9, 0) });
  });
});

// The console's cases (moved from console/src/lib/hours.test.ts when both used this one implementation).
const weekdaysIn = (timeZone: string, open = '09:00', close = '17:00'): BusinessHours => ({
  timeZone,
  windows: [1, 2, 3, 4, 5].map((day) => ({ day, open, close })),
});

describe('openingState', () => {
  it('is always open without hours', () => {
    expect(openingState(undefined, Date.UTC(2026, 0, 4, 3))).toEqual({ open: true, reopensAt: null });
    expect(openingState(null, 0)).toEqual({ open: true, reopensAt: null });
  });

  it('reads the wall clock of the hours’ zone, not the browser’s', () => {
    // Wednesday 2026-01-07 15:30 UTC is 10:30 in New York and 00:30 Thursday in Tokyo.
    const at = Date.UTC(2026, 0, 7, 15, 30);
    expect(openingState(weekdaysIn('America/New_York'), at).open).toBe(true);
    expect(openingState(weekdaysIn('Asia/Tokyo'), at)).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 8, 0, 0) }); // 09:00 Tokyo
    expect(localClock(at, 'Asia/Tokyo')).toEqual({ day: 4, minute: 30 });
  });

  it('closes at the closing minute and opens at the opening minute', () => {
    const hours = weekdaysIn('UTC');
    expect(openingState(hours, Date.UTC(2026, 0, 7, 16, 59)).open).toBe(true);
    expect(openingState(hours, Date.UTC(2026, 0, 7, 17, 0))).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 8, 9) });
    expect(openingState(hours, Date.UTC(2026, 0, 7, 9, 0)).open).toBe(true);
  });

  it('after Friday’s close, the next opening is Monday morning', () => {
    const friday = Date.UTC(2026, 0, 9, 18, 0, 12);
    expect(openingState(weekdaysIn('Europe/Paris'), friday)).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 12, 8) }); // 09:00 CET
  });

  it('takes the lunch break into account and a window that runs to midnight', () => {
    const hours: BusinessHours = {
      timeZone: 'UTC',
      windows: [
        { day: 3, open: '09:00', close: '12:00' },
        { day: 3, open: '13:30', close: '24:00' },
      ],
    };
    expect(openingState(hours, Date.UTC(2026, 0, 7, 12, 15))).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 7, 13, 30) });
    expect(openingState(hours, Date.UTC(2026, 0, 7, 23, 59)).open).toBe(true);
    // Thursday: closed until next Wednesday.
    expect(openingState(hours, Date.UTC(2026, 0, 8, 0, 0))).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 14, 9) });
  });

  it('counts across a daylight-saving change in the zone', () => {
    // Paris moves to summer time on Sunday 2026-03-29; Saturday 12:00 CET → Monday 09:00 CEST = 07:00 UTC.
    expect(openingState(weekdaysIn('Europe/Paris'), Date.UTC(2026, 2, 28, 11))).toEqual({ open: false, reopensAt: Date.UTC(2026, 2, 30, 7) });
  });

  it('is closed for good with no windows at all', () => {
    expect(openingState({ timeZone: 'UTC', windows: [] }, 0)).toEqual({ open: false, reopensAt: null });
  });
});
