import type { TriggerFunnel } from '@causette/shared';

export const HOLDOUT = 'holdout';
export const FUNNEL_STEPS = ['impressions', 'opened', 'conversations', 'conversions'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

export interface Totals {
  impressions: number;
  opened: number;
  conversations: number;
  conversions: number;
  revenue: number;
}

/** What the trigger did: the shown variants only, since the holdout saw nothing. */
export function shownTotals(funnel: readonly TriggerFunnel[]): Totals {
  const totals: Totals = { impressions: 0, opened: 0, conversations: 0, conversions: 0, revenue: 0 };
  for (const row of funnel) {
    if (row.variant === HOLDOUT) continue;
    totals.impressions += row.impressions;
    totals.opened += row.opened;
    totals.conversations += row.conversations;
    totals.conversions += row.conversions;
    totals.revenue += row.revenue;
  }
  return totals;
}

/** Conversion rate of the shown variants minus the holdout's, in percentage points; null without holdout traffic. */
export function upliftPoints(funnel: readonly TriggerFunnel[]): number | null {
  const holdout = funnel.find((row) => row.variant === HOLDOUT);
  if (!holdout || holdout.impressions === 0) return null;
  const shown = shownTotals(funnel);
  return (ratio(shown.conversions, shown.impressions) - ratio(holdout.conversions, holdout.impressions)) * 100;
}

/** Each step as a share of the impressions, the width of its bar. */
export function funnelShares(row: Pick<TriggerFunnel, FunnelStep>): { step: FunnelStep; value: number; share: number }[] {
  return FUNNEL_STEPS.map((step) => ({ step, value: row[step], share: ratio(row[step], row.impressions) }));
}

export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "+2.5 pp", "−1 pp", "0 pp"; an em dash when there is nothing to compare with. */
export function formatPoints(points: number | null, locale: string): string {
  if (points === null || !Number.isFinite(points)) return '—';
  const rounded = Math.round(points * 10) / 10;
  const abs = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(rounded));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${abs} pp`;
}

/* ---------- chart scaling ---------- */

/** The axis top: the smallest 1, 2 or 5 × 10ⁿ at or above the data, so gridlines fall on round numbers. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Value → y in an SVG of the given height (0 at the bottom edge). */
export function scaleY(value: number, top: number, height: number): number {
  return height - (Math.max(0, value) / top) * height;
}

export interface Slot {
  x: number;
  width: number;
  center: number;
}

/** Evenly spaced bar slots across a width, with a gap between bars. */
export function slots(count: number, width: number, gapRatio = 0.25): Slot[] {
  if (count <= 0) return [];
  const step = width / count;
  const barWidth = step * (1 - gapRatio);
  return Array.from({ length: count }, (_, i) => ({ x: i * step + (step - barWidth) / 2, width: barWidth, center: i * step + step / 2 }));
}

/** An SVG polyline's points for a series laid over the slots. */
export function linePoints(values: readonly number[], width: number, height: number, top: number): string {
  const positions = slots(values.length, width);
  return values.map((v, i) => `${round(positions[i]!.center)},${round(scaleY(v, top, height))}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
