import type { Trigger } from '@causette/shared';
import { describe, expect, it } from 'vitest';
import { evaluate, nextTimeThreshold, regexProblem, regexProblems } from './conditions.js';
import { HOLDOUT, assignVariant, decide, frequencyAllows, inSchedule, nextCheckIn } from './engine.js';
import { emptyState, utmOf, type VisitorState } from './state.js';

const NOW = Date.UTC(2026, 10, 26, 10, 30); // a Thursday, 10:30 UTC
const state = (patch: Partial<VisitorState> = {}): VisitorState => ({ ...emptyState(), ...patch });
const trigger = (patch: Partial<Trigger> = {}): Trigger => ({
  id: 'trigger-aaaa',
  siteId: 'site-aaaaaaaa',
  name: 'Cart help',
  status: 'active',
  priority: 10,
  conditions: { match: 'all', conditions: [{ field: 'cart.total', operator: 'gt', value: 50 }] },
  variants: [{ id: 'A', weight: 100, message: { text: 'Need help?', senderName: 'Anna' } }],
  holdoutPercent: 0,
  frequency: { per: 'session' },
  schedule: null,
  onlyWhenAgentAvailable: false,
  delaySeconds: 0,
  openPanel: false,
  createdAt: 1,
  updatedAt: 1,
  ...patch,
});
const ctx = { visitorId: 'visitor-1', sessionId: 'session-1', now: NOW, agentAvailable: true, history: [] };

describe('conditions', () => {
  it('applies string operators case-insensitively, and regex matching', () => {
    const s = state({ page: { url: 'https://s/Cart?x=1', path: '/Cart', title: 'Your cart' } });
    const t = (operator: string, value: string) => evaluate({ match: 'all', conditions: [{ field: 'page.path', operator, value } as never] }, s, NOW).passed;
    expect(t('equals', '/cart')).toBe(true);
    expect(t('not_equals', '/cart')).toBe(false);
    expect(t('contains', 'ar')).toBe(true);
    expect(t('starts_with', '/c')).toBe(true);
    expect(t('starts_with', 'c')).toBe(false);
    expect(t('matches', '^/(cart|checkout)$')).toBe(true);
    expect(t('matches', '^/checkout')).toBe(false);
  });

  it('applies number operators, between inclusive', () => {
    const s = state({ cart: { total: 80, items: 2, skus: ['tote'] } });
    const n = (operator: string, value: number, value2?: number) =>
      evaluate({ match: 'all', conditions: [{ field: 'cart.total', operator, value, ...(value2 !== undefined ? { value2 } : {}) } as never] }, s, NOW).passed;
    expect([n('gt', 50), n('gt', 80), n('lt', 81), n('eq', 80), n('between', 80, 100), n('between', 10, 79)]).toEqual([true, false, true, true, true, false]);
  });

  it('nests ALL and ANY groups', () => {
    const s = state({ page: { url: '', path: '/checkout', title: '' }, timeOnPage: 40, cart: { total: 20, items: 1, skus: ['mug'] } });
    const tree = {
      match: 'all' as const,
      conditions: [
        { field: 'page.path' as const, operator: 'starts_with' as const, value: '/checkout' },
        { match: 'any' as const, conditions: [{ field: 'cart.total' as const, operator: 'gt' as const, value: 50 }, { field: 'cart.skus' as const, operator: 'contains' as const, value: 'mug' }] },
      ],
    };
    expect(evaluate(tree, s, NOW).passed).toBe(true);
    expect(evaluate(tree, { ...s, cart: { total: 20, items: 1, skus: ['tote'] } }, NOW).passed).toBe(false);
    const explained = evaluate(tree, s, NOW, true);
    expect(explained.checks.map((c) => [c.path, c.passed])).toEqual([
      ['0', true],
      ['1.0', false],
      ['1.1', true],
    ]);
    expect(explained.checks[1]).toMatchObject({ text: 'cart.total > 50', actual: '20' });
  });

  it('sees custom events within their window only', () => {
    const s = state({ events: [{ name: 'viewed_size_guide', at: NOW - 4 * 60_000 }] });
    const happened = (within: number) =>
      evaluate({ match: 'all', conditions: [{ field: 'event', operator: 'happened', value: 'viewed_size_guide', withinMinutes: within }] }, s, NOW).passed;
    expect(happened(5)).toBe(true);
    expect(happened(3)).toBe(false);
    expect(evaluate({ match: 'all', conditions: [{ field: 'event', operator: 'not_happened', value: 'purchase', withinMinutes: 60 }] }, s, NOW).passed).toBe(true);
  });

  it('refuses regular expressions the linear-time engine cannot run, or invalid ones, with a clear reason', () => {
    expect(regexProblem('^/(cart|checkout)$')).toBeNull();
    expect(regexProblem('(a+)+$')).toBeNull();
    expect(regexProblem('([a-z')).toMatch(/invalid regular expression/);
    expect(regexProblems({ match: 'any', conditions: [{ match: 'all', conditions: [{ field: 'page.url', operator: 'matches', value: '(x)\\1' }] }] })).toEqual([
      'conditions.0.0: backreferences such as \\1 are not supported (patterns run on a linear-time engine)',
    ]);
  });

  it('knows when a time condition will next flip', () => {
    const tree = { match: 'all' as const, conditions: [{ field: 'time_on_page' as const, operator: 'gt' as const, value: 5 }] };
    expect(nextTimeThreshold(tree, state({ timeOnPage: 2 }))).toBe(3);
    expect(nextTimeThreshold(tree, state({ timeOnPage: 9 }))).toBeNull();
  });

  it('reads UTM parameters from a landing URL', () => {
    expect(utmOf('https://s/?utm_source=newsletter&utm_medium=email&utm_campaign=spring')).toEqual({ source: 'newsletter', medium: 'email', campaign: 'spring' });
  });
});

describe('controls', () => {
  it('caps per visitor, per session and per N days', () => {
    const past = [{ triggerId: 't', sessionId: 'old-session', shownAt: NOW - 3 * 86_400_000 }];
    expect(frequencyAllows({ per: 'visitor' }, past, 'session-1', NOW)).toBe(false);
    expect(frequencyAllows({ per: 'session' }, past, 'session-1', NOW)).toBe(true);
    expect(frequencyAllows({ per: 'session' }, past, 'old-session', NOW)).toBe(false);
    expect(frequencyAllows({ per: 'days', days: 7 }, past, 'session-1', NOW)).toBe(false);
    expect(frequencyAllows({ per: 'days', days: 2 }, past, 'session-1', NOW)).toBe(true);
  });

  it('keeps to the schedule in the site time zone, including windows past midnight', () => {
    // 10:30 UTC is 11:30 in Paris on a Thursday (4).
    expect(inSchedule({ days: [4], start: '09:00', end: '12:00', timeZone: 'Europe/Paris' }, NOW)).toBe(true);
    expect(inSchedule({ days: [4], start: '12:00', end: '18:00', timeZone: 'Europe/Paris' }, NOW)).toBe(false);
    expect(inSchedule({ days: [1, 2, 3, 5], start: '00:00', end: '23:59', timeZone: 'Europe/Paris' }, NOW)).toBe(false);
    expect(inSchedule({ days: [4], start: '22:00', end: '12:00', timeZone: 'Europe/Paris' }, NOW)).toBe(true);
  });

  it('shows the highest priority match only, and says why the others did not show', () => {
    const low = trigger({ id: 'low-aaaaaa', name: 'Low', priority: 1 });
    const high = trigger({ id: 'high-aaaaa', name: 'High', priority: 50 });
    const paused = trigger({ id: 'paused-aaa', name: 'Paused', priority: 99, status: 'paused' });
    const needsAgent = trigger({ id: 'agent-aaaa', name: 'Agent', priority: 80, onlyWhenAgentAvailable: true });
    const s = state({ cart: { total: 99, items: 1, skus: [] } });
    const { winner, results } = decide([low, high, paused, needsAgent], s, { ...ctx, agentAvailable: false }, true);
    expect(winner?.trigger.name).toBe('High');
    expect(Object.fromEntries(results.map((r) => [r.name, r.blockedBy]))).toEqual({ Paused: 'paused', Agent: 'agent_unavailable', High: null, Low: 'lower_priority' });
    expect(decide([low], state(), ctx).winner).toBeNull();
  });

  it('does not show again once shown in this session (a dismissed teaser counts as shown)', () => {
    const t = trigger();
    const s = state({ cart: { total: 99, items: 1, skus: [] } });
    expect(decide([t], s, ctx).winner).not.toBeNull();
    expect(decide([t], s, { ...ctx, history: [{ triggerId: t.id, sessionId: 'session-1', shownAt: NOW - 1000 }] }).winner).toBeNull();
  });

  it('re-checks at the next time threshold of any active trigger', () => {
    const t = trigger({ conditions: { match: 'all', conditions: [{ field: 'time_on_page', operator: 'gt', value: 30 }] } });
    expect(nextCheckIn([t], state({ timeOnPage: 12 }))).toBe(18);
    expect(nextCheckIn([{ ...t, status: 'paused' }], state({ timeOnPage: 12 }))).toBeNull();
  });
});

describe('A/B assignment', () => {
  const ab = trigger({
    holdoutPercent: 20,
    variants: [
      { id: 'A', weight: 50, message: { text: 'a', senderName: '' } },
      { id: 'B', weight: 50, message: { text: 'b', senderName: '' } },
    ],
  });

  it('is stable per visitor', () => {
    for (const v of ['v1', 'v2', 'v3']) expect(assignVariant(ab, v)).toBe(assignVariant(ab, v));
  });

  it('splits traffic by weight and keeps the holdout share', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 4000; i++) {
      const arm = assignVariant(ab, `visitor-${i}`);
      counts[arm] = (counts[arm] ?? 0) + 1;
    }
    expect(counts[HOLDOUT]! / 4000).toBeGreaterThan(0.17);
    expect(counts[HOLDOUT]! / 4000).toBeLessThan(0.23);
    expect(Math.abs(counts.A! - counts.B!) / 4000).toBeLessThan(0.05);
    expect(assignVariant({ ...ab, holdoutPercent: 0, variants: [{ id: 'only', weight: 1, message: { text: '', senderName: '' } }] }, 'x')).toBe('only');
  });
});
