import { describe, expect, it } from 'vitest';
import { duration, money, relativeTime, waitingTime } from './format.js';

/** Intl spaces a number from its unit with a no-break space (narrow, in French). */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('relativeTime', () => {
  const now = Date.UTC(2025, 5, 15, 12, 0, 0);
  it('says "now" for the last minute, then minutes and hours', () => {
    expect(plain(relativeTime(now - 20_000, now, 'en', 'now'))).toBe('now');
    expect(plain(relativeTime(now - 5 * 60_000, now, 'en', 'now'))).toBe('5 min');
    expect(plain(relativeTime(now - 3 * 3_600_000, now, 'en', 'now'))).toBe('3 hr');
    expect(plain(relativeTime(now - 3 * 3_600_000, now, 'fr', 'maintenant'))).toBe('3 h');
  });

  it('shows a date for older chats', () => {
    expect(plain(relativeTime(Date.UTC(2025, 2, 2, 12), now, 'en', 'now'))).toMatch(/Mar/);
  });
});

describe('money', () => {
  it('formats cart amounts in the cart’s currency', () => {
    expect(money(89.9, 'EUR', 'en')).toBe('€89.90');
    expect(money(1234.5, 'USD', 'en')).toBe('$1,234.50');
  });

  it('still shows something for an unknown currency code', () => {
    expect(money(10, 'ZZZ', 'en')).toContain('10');
  });
});

describe('duration', () => {
  it('reads naturally for short and long stays on a page', () => {
    expect(plain(duration(45_000, 'fr'))).toBe('45 s');
    expect(plain(duration(3 * 60_000 + 10_000, 'fr'))).toBe('3 min');
    expect(plain(duration(65 * 60_000, 'fr'))).toBe('1 h 5 min');
    expect(plain(duration(45_000, 'en'))).toBe('45 sec');
    expect(plain(duration(65 * 60_000, 'en'))).toBe('1 hr 5 min');
  });
});

describe('waitingTime', () => {
  it('is a clock', () => {
    expect(waitingTime(0, 42_000)).toBe('0:42');
    expect(waitingTime(0, 3_729_000, 'fr')).toBe('1:02:09');
  });
});
