import { describe, expect, it } from 'vitest';
import { duration, money, relativeTime } from './format.js';

describe('relativeTime', () => {
  const now = Date.UTC(2025, 5, 15, 12, 0, 0);
  it('says "now" for the last minute, then minutes and hours', () => {
    expect(relativeTime(now - 20_000, now, 'en', 'now')).toBe('now');
    expect(relativeTime(now - 5 * 60_000, now, 'en', 'now')).toBe('5 min');
    expect(relativeTime(now - 3 * 3_600_000, now, 'en', 'now')).toBe('3 h');
  });

  it('shows a date for older chats', () => {
    expect(relativeTime(Date.UTC(2025, 2, 2, 12), now, 'en', 'now')).toMatch(/Mar/);
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
    expect(duration(45_000)).toBe('45 s');
    expect(duration(3 * 60_000 + 10_000)).toBe('3 min');
    expect(duration(65 * 60_000)).toBe('1 h 05');
  });
});
