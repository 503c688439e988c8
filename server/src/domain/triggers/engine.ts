/**
 * Which trigger, if any, shows a teaser now. Pure: the caller supplies the visitor's state, what was shown
 * before, whether an agent is available and the time.
 */
import type { BlockedBy, Frequency, Schedule, Trigger, TriggerTestResult } from '@causette/shared';
import { evaluate, nextTimeThreshold } from './conditions.js';
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

export type TriggerResult = TriggerTestResult;

/** FNV-1a, 32 bits: fast and well spread; nothing here needs a cryptographic hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that ids differing in their last characters spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A number in [0, 100) fixed for this visitor and trigger: the same visitor always lands in the same arm. */
function bucket(visitorId: string, triggerId: string, salt: string): number {
  return (fnv1a(`${salt}:${triggerId}:${visitorId}`) % 10_000) / 100;
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

const formats = new Map<string, Intl.DateTimeFormat>();
/** Building a formatter costs far more than using one: one per time zone, kept. */
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f;
}

const clock = new Map<string, { minute: number; day: number; time: string }>();
/** Weekday and HH:MM in a time zone; the answer only changes once a minute, so it is kept for that minute. */
function localTime(timeZone: string, now: number): { day: number; time: string } {
  const minute = Math.floor(now / 60_000);
  const hit = clock.get(timeZone);
  if (hit && hit.minute === minute) return hit;
  const parts = formatFor(timeZone).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const fresh = { minute, day: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')), time: `${get('hour')}:${get('minute')}` };
  clock.set(timeZone, fresh);
  return fresh;
}

export function inSchedule(schedule: Schedule | null, now: number): boolean {
  if (!schedule) return true;
  const { day, time } = localTime(schedule.timeZone, now);
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

const sorted = new WeakMap<Trigger[], Trigger[]>();
/** Highest priority first (ties: the oldest); the same list object is sorted once. */
function byPriority(triggers: Trigger[]): Trigger[] {
  let out = sorted.get(triggers);
  if (!out) {
    out = [...triggers].sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt);
    sorted.set(triggers, out);
  }
  return out;
}

/** Evaluates every trigger; the highest-priority one that may show wins (ties: the oldest trigger). */
export function decide(
  triggers: Trigger[],
  state: VisitorState,
  ctx: DecisionContext,
  explain = false,
): { winner: { trigger: Trigger; variant: string } | null; results: TriggerResult[] } {
  const ordered = byPriority(triggers);
  const past = new Map<string, PastImpression[]>();
  for (const h of ctx.history) past.set(h.triggerId, [...(past.get(h.triggerId) ?? []), h]);
  const blocked = (t: Trigger): BlockedBy | null =>
    t.status === 'paused'
      ? 'paused'
      : !inSchedule(t.schedule, ctx.now)
        ? 'schedule'
        : !frequencyAllows(t.frequency, past.get(t.id) ?? [], ctx.sessionId, ctx.now)
          ? 'frequency'
          : t.onlyWhenAgentAvailable && !ctx.agentAvailable
            ? 'agent_unavailable'
            : null;
  const results: TriggerResult[] = [];
  let winner: { trigger: Trigger; variant: string } | null = null;
  if (!explain) {
    // The live path: cheap controls first, conditions only for triggers that could show, stop at the first.
    for (const t of ordered) {
      if (blocked(t) === null && evaluate(t.conditions, state, ctx.now).passed) return { winner: { trigger: t, variant: assignVariant(t, ctx.visitorId) }, results };
    }
    return { winner: null, results };
  }
  for (const t of ordered) {
    const { passed, checks } = evaluate(t.conditions, state, ctx.now, true);
    let blockedBy = blocked(t);
    if (blockedBy === null && passed && winner) blockedBy = 'lower_priority';
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
