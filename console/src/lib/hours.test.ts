import type { BusinessHours } from '@causette/shared';
import { describe, expect, it } from 'vitest';
import { formatOpening, localClock, openingState } from './hours.js';

const weekdays = (timeZone: string, open = '09:00', close = '17:00'): BusinessHours => ({
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
    expect(openingState(weekdays('America/New_York'), at).open).toBe(true);
    expect(openingState(weekdays('Asia/Tokyo'), at)).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 8, 0, 0) }); // 09:00 Tokyo
    expect(localClock(at, 'Asia/Tokyo')).toEqual({ day: 4, minute: 30 });
  });

  it('closes at the closing minute and opens at the opening minute', () => {
    const hours = weekdays('UTC');
    expect(openingState(hours, Date.UTC(2026, 0, 7, 16, 59)).open).toBe(true);
    expect(openingState(hours, Date.UTC(2026, 0, 7, 17, 0))).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 8, 9) });
    expect(openingState(hours, Date.UTC(2026, 0, 7, 9, 0)).open).toBe(true);
  });

  it('after Friday’s close, the next opening is Monday morning', () => {
    const friday = Date.UTC(2026, 0, 9, 18, 0, 12);
    expect(openingState(weekdays('Europe/Paris'), friday)).toEqual({ open: false, reopensAt: Date.UTC(2026, 0, 12, 8) }); // 09:00 CET
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
    expect(openingState(weekdays('Europe/Paris'), Date.UTC(2026, 2, 28, 11))).toEqual({ open: false, reopensAt: Date.UTC(2026, 2, 30, 7) });
  });

  it('is closed for good with no windows at all', () => {
    expect(openingState({ timeZone: 'UTC', windows: [] }, 0)).toEqual({ open: false, reopensAt: null });
  });

  it('formats the next opening in the zone and the agent’s language', () => {
    expect(formatOpening(Date.UTC(2026, 0, 12, 8), 'Europe/Paris', 'en')).toBe('Mon 09:00');
    expect(formatOpening(Date.UTC(2026, 0, 12, 8), 'Europe/Paris', 'fr')).toBe('lun. 09:00');
  });
});
