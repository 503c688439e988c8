/**
 * Which trigger, if any, shows a teaser now. Pure: the caller supplies the visitor's state, what was shown
 * before, whether an agent is available and the time.
 */
import { createHash } from 'node:crypto';
import type { Frequency, Schedule, Trigger } from '@causette/shared';
import { evaluate, nextTimeThreshold, type Check } from './conditions.js';
import type { VisitorState } from './state.js';

export const HOLDOUT = 'holdout';

export interface PastImpression {
  triggerId: string;
  sessionId: string;
  shownAt: number;
}

export interface DecisionContext {
  visitorId: string;
  sessionId: string;
  now: number;
  agentAvailable: boolean;
  /** This visitor's earlier impressions (holdouts and dismissed ones included). */
  history: PastImpression[];
}

export type BlockedBy = 'paused' | 'schedule' | 'frequency' | 'agent_unavailable' | 'lower_priority';

export interface TriggerResult {
  triggerId: string;
  name: string;
  matched: boolean;
  wouldShow: boolean;
  blockedBy: BlockedBy | null;
  checks: Check[];
}

/** A number in [0, 100) fixed for this visitor and trigger: the same visitor always lands in the same arm. */
function bucket(visitorId: string, triggerId: string, salt: string): number {
  const h = createHash('sha256').update(`${salt}:${triggerId}:${visitorId}`).digest();
  return h.readUInt32BE(0) % 10_000 / 100;
}

/** The variant id, or `holdout`: stable per visitor, holdout first, then variants by weight. */
export function assignVariant(trigger: Pick<Trigger, 'id' | 'holdoutPercent' | 'variants'>, visitorId: string): string {
  if (bucket(visitorId, trigger.id, 'holdout') < trigger.holdoutPercent) return HOLDOUT;
  const total = trigger.variants.reduce((n, v) => n + v.weight, 0);
  if (total <= 0) return trigger.variants[0]!.id;
  let point = (bucket(visitorId, trigger.id, 'variant') / 100) * total;
  for (const v of trigger.variants) {
    if (point < v.weight) return v.id;
    point -= v.weight;
  }
  return trigger.variants.at(-1)!.id;
}

export function inSchedule(schedule: Schedule | null, now: number): boolean {
  if (!schedule) return true;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: schedule.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const time = `${get('hour')}:${get('minute')}`;
  if (!schedule.days.includes(day)) return false;
  // A window like 22:00–06:00 wraps past midnight.
  return schedule.start <= schedule.end ? time >= schedule.start && time < schedule.end : time >= schedule.start || time < schedule.end;
}

export function frequencyAllows(frequency: Frequency, past: PastImpression[], sessionId: string, now: number): boolean {
  if (!past.length) return true;
  switch (frequency.per) {
    case 'visitor':
      return false;
    case 'session':
      return !past.some((p) => p.sessionId === sessionId);
    case 'days':
      return !past.some((p) => now - p.shownAt < frequency.days * 86_400_000);
  }
}

/** Evaluates every trigger; the highest-priority one that may show wins (ties: the oldest trigger). */
export function decide(
  triggers: Trigger[],
  state: VisitorState,
  ctx: DecisionContext,
  explain = false,
): { winner: { trigger: Trigger; variant: string } | null; results: TriggerResult[] } {
  const ordered = [...triggers].sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt);
  const results: TriggerResult[] = [];
  let winner: { trigger: Trigger; variant: string } | null = null;
  for (const t of ordered) {
    if (!explain && winner) break;
    const { passed, checks } = evaluate(t.conditions, state, ctx.now, explain);
    let blockedBy: BlockedBy | null = null;
    if (t.status === 'paused') blockedBy = 'paused';
    else if (!inSchedule(t.schedule, ctx.now)) blockedBy = 'schedule';
    else if (!frequencyAllows(t.frequency, ctx.history.filter((h) => h.triggerId === t.id), ctx.sessionId, ctx.now)) blockedBy = 'frequency';
    else if (t.onlyWhenAgentAvailable && !ctx.agentAvailable) blockedBy = 'agent_unavailable';
    else if (passed && winner) blockedBy = 'lower_priority';
    const wouldShow = passed && blockedBy === null;
    if (wouldShow && !winner) winner = { trigger: t, variant: assignVariant(t, ctx.visitorId) };
    results.push({ triggerId: t.id, name: t.name, matched: passed, wouldShow, blockedBy, checks });
  }
  return { winner, results };
}

/** Seconds until the earliest time-based condition of any live trigger could flip; null when none could. */
export function nextCheckIn(triggers: Trigger[], state: VisitorState): number | null {
  let best: number | null = null;
  for (const t of triggers) {
    if (t.status !== 'active') continue;
    const n = nextTimeThreshold(t.conditions, state);
    if (n !== null && (best === null || n < best)) best = n;
  }
  return best;
}
