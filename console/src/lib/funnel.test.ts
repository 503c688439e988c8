import type { TriggerFunnel } from '@causette/shared';
import { describe, expect, it } from 'vitest';
import { formatPercent, formatPoints, funnelShares, linePoints, niceCeiling, scaleY, shownTotals, slots, upliftPoints } from './funnel.js';

const row = (variant: string, impressions: number, conversions: number, extra: Partial<TriggerFunnel> = {}): TriggerFunnel => ({
  variant,
  impressions,
  opened: Math.floor(impressions / 2),
  conversations: Math.floor(impressions / 4),
  conversions,
  revenue: conversions * 50,
  conversionRate: impressions ? conversions / impressions : 0,
  ...extra,
});

describe('funnel maths', () => {
  const funnel = [row('A', 200, 20), row('B', 200, 10), row('holdout', 100, 5)];

  it('counts only the shown variants in the headline figures', () => {
    expect(shownTotals(funnel)).toEqual({ impressions: 400, opened: 200, conversations: 100, conversions: 30, revenue: 1500 });
  });

  it('measures the uplift against the holdout in percentage points', () => {
    // 30/400 = 7.5 % shown vs 5/100 = 5 % holdout.
    expect(upliftPoints(funnel)).toBeCloseTo(2.5);
    expect(upliftPoints([row('A', 10, 1)])).toBeNull();
    expect(upliftPoints([row('A', 10, 1), row('holdout', 0, 0)])).toBeNull();
  });

  it('shows each step as a share of impressions, without dividing by zero', () => {
    expect(funnelShares(row('A', 200, 20)).map((s) => s.share)).toEqual([1, 0.5, 0.25, 0.1]);
    expect(funnelShares(row('A', 0, 0)).map((s) => s.share)).toEqual([0, 0, 0, 0]);
  });

  it('formats rates and uplift the way people read them', () => {
    expect(formatPercent(0.075, 'en')).toBe('7.5%');
    expect(formatPercent(0.075, 'fr')).toMatch(/^7,5\s%$/);
    expect(formatPoints(2.5, 'en')).toBe('+2.5 pp');
    expect(formatPoints(-1.04, 'en')).toBe('−1 pp');
    expect(formatPoints(0, 'en')).toBe('0 pp');
    expect(formatPoints(null, 'en')).toBe('—');
  });
});

describe('chart scaling', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 48, 51, 180, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 50, 100, 200, 1000]);
  });

  it('puts zero at the bottom and the top value at the top', () => {
    expect(scaleY(0, 50, 100)).toBe(100);
    expect(scaleY(50, 50, 100)).toBe(0);
    expect(scaleY(25, 50, 100)).toBe(50);
  });

  it('spaces bars evenly and centres line points on them', () => {
    const s = slots(4, 400);
    expect(s.map((slot) => slot.center)).toEqual([50, 150, 250, 350]);
    expect(s[0]!.width).toBe(75);
    expect(linePoints([0, 10], 200, 100, 10)).toBe('50,100 150,0');
  });
});
