import type { Condition, ConditionGroup, InnerGroup } from '@causette/shared';
import type { RE2JS } from 're2js';
import { compilePattern } from './pattern.js';
import type { VisitorState } from './state.js';

export interface Check {
  /** Position in the tree: "1" is the second condition, "1.0" the first condition of that group. */
  path: string;
  text: string;
  passed: boolean;
  actual: string;
}

/** Longest input a `matches` condition is run against, which bounds its cost together with the program size cap. */
const MAX_MATCH_INPUT = 2048;
const compiled = new Map<string, RE2JS | null>();

/** A clear reason why a pattern may not be saved, or null when it is fine. */
export function regexProblem(pattern: string): string | null {
  const c = compilePattern(pattern);
  return c.ok ? null : c.problem;
}

function regex(pattern: string): RE2JS | null {
  let r = compiled.get(pattern);
  if (r === undefined) {
    const c = compilePattern(pattern);
    r = c.ok ? c.matcher : null;
    if (compiled.size > 5000) compiled.clear();
    compiled.set(pattern, r);
  }
  return r;
}

function stringField(field: string, s: VisitorState): string {
  switch (field) {
    case 'page.url':
      return s.page.url;
    case 'page.path':
      return s.page.path;
    case 'page.title':
      return s.page.title;
    case 'referrer':
      return s.referrer;
    case 'utm.source':
      return s.utm.source;
    case 'utm.medium':
      return s.utm.medium;
    case 'utm.campaign':
      return s.utm.campaign;
    case 'device':
      return s.device;
    case 'language':
      return s.language;
    case 'country':
      return s.country;
    case 'visitor.type':
      return s.visitorType;
    default:
      return '';
  }
}

function numberField(field: string, s: VisitorState): number {
  switch (field) {
    case 'time_on_page':
      return s.timeOnPage;
    case 'time_on_site':
      return s.timeOnSite;
    case 'scroll_depth':
      return s.scrollDepth;
    case 'idle_time':
      return s.idleTime;
    case 'cart.total':
      return s.cart.total;
    case 'cart.items':
      return s.cart.items;
    case 'visit_count':
      return s.visitCount;
    case 'session.page_views':
      return s.sessionPageViews;
    default:
      return 0;
  }
}

const SYMBOL: Record<string, string> = { eq: '=', gt: '>', lt: '<' };

export function describeCondition(c: Condition): string {
  switch (c.field) {
    case 'event':
      return `event "${c.value}" ${c.operator === 'happened' ? 'happened' : 'did not happen'} in the last ${c.withinMinutes} min`;
    case 'cart.skus':
      return `cart contains SKU "${c.value}"`;
    case 'exit_intent':
      return `exit intent is ${c.value}`;
    default:
      if (typeof c.value === 'number') {
        const n = c as Extract<Condition, { value: number }>;
        return n.operator === 'between' ? `${n.field} between ${n.value} and ${n.value2 ?? '?'}` : `${n.field} ${SYMBOL[n.operator]} ${n.value}`;
      }
      return `${c.field} ${c.operator.replace('_', ' ')} "${c.value}"`;
  }
}

export function checkCondition(c: Condition, s: VisitorState, now: number): { passed: boolean; actual: string } {
  switch (c.field) {
    case 'event': {
      const since = now - c.withinMinutes * 60_000;
      const happened = s.events.some((e) => e.name === c.value && e.at >= since);
      return { passed: c.operator === 'happened' ? happened : !happened, actual: happened ? 'happened' : 'not seen' };
    }
    case 'cart.skus':
      return { passed: s.cart.skus.includes(c.value), actual: s.cart.skus.join(', ') || '(empty cart)' };
    case 'exit_intent':
      return { passed: s.exitIntent === c.value, actual: String(s.exitIntent) };
  }
  if (typeof c.value === 'number') {
    const n = c as Extract<Condition, { value: number }>;
    const v = numberField(n.field, s);
    const passed =
      n.operator === 'eq' ? v === n.value : n.operator === 'gt' ? v > n.value : n.operator === 'lt' ? v < n.value : v >= n.value && v <= (n.value2 ?? Number.POSITIVE_INFINITY);
    return { passed, actual: String(v) };
  }
  const t = c as Extract<Condition, { value: string; operator: string }>;
  const v = stringField(t.field, s);
  const a = v.toLowerCase();
  const b = String(t.value).toLowerCase();
  let passed: boolean;
  switch (t.operator) {
    case 'equals':
      passed = a === b;
      break;
    case 'not_equals':
      passed = a !== b;
      break;
    case 'contains':
      passed = a.includes(b);
      break;
    case 'starts_with':
      passed = a.startsWith(b);
      break;
    case 'matches':
      passed = regex(String(t.value))?.test(v.slice(0, MAX_MATCH_INPUT)) ?? false;
      break;
    default:
      passed = false;
  }
  return { passed, actual: v };
}

const isGroup = (c: Condition | InnerGroup): c is InnerGroup => 'match' in c;

function run(g: ConditionGroup | InnerGroup, s: VisitorState, now: number, checks: Check[] | null, prefix: string): boolean {
  let result = g.match === 'all';
  const list = g.conditions as Array<Condition | InnerGroup>;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const path = checks ? (prefix ? `${prefix}.${i}` : String(i)) : '';
    let passed: boolean;
    if (isGroup(c)) passed = run(c, s, now, checks, path);
    else {
      const r = checkCondition(c, s, now);
      passed = r.passed;
      if (checks) checks.push({ path, text: describeCondition(c), passed, actual: r.actual });
    }
    if (g.match === 'all' && !passed) {
      result = false;
      if (!checks) return false;
    }
    if (g.match === 'any' && passed) {
      result = true;
      if (!checks) return true;
    }
  }
  return result;
}

/**
 * Evaluates the tree; with `collect`, every condition is checked and explained (for the test panel).
 * Hot path: no closures are made per call.
 */
export function evaluate(group: ConditionGroup, s: VisitorState, now: number, collect = false): { passed: boolean; checks: Check[] } {
  const checks: Check[] = [];
  return { passed: run(group, s, now, collect ? checks : null, ''), checks };
}

/** Every `matches` pattern in a tree, with its path, so saving can refuse an unsafe one. */
export function regexProblems(group: ConditionGroup): string[] {
  const out: string[] = [];
  group.conditions.forEach((c, i) => {
    const list = isGroup(c) ? c.conditions.map((x, j) => [`${i}.${j}`, x] as const) : [[String(i), c] as const];
    for (const [path, cond] of list) {
      if ('operator' in cond && cond.operator === 'matches') {
        const problem = regexProblem(String(cond.value));
        if (problem) out.push(`conditions.${path}: ${problem}`);
      }
      if ('operator' in cond && cond.operator === 'between' && (cond as { value2?: number }).value2 === undefined) {
        out.push(`conditions.${path}: "between" needs an upper bound`);
      }
    }
  });
  return out;
}

/**
 * The next instant at which a time-based condition could change its answer (time on page/site, idle), so the
 * caller can re-evaluate then instead of on a fixed tick.
 */
export function nextTimeThreshold(group: ConditionGroup, s: VisitorState): number | null {
  let best: number | null = null;
  const visit = (c: Condition | InnerGroup) => {
    if (isGroup(c)) return c.conditions.forEach(visit);
    if (typeof c.value !== 'number') return;
    const current = c.field === 'time_on_page' ? s.timeOnPage : c.field === 'time_on_site' ? s.timeOnSite : c.field === 'idle_time' ? s.idleTime : null;
    if (current === null) return;
    const n = c as Extract<Condition, { value: number }>;
    for (const edge of [n.value, n.value + 1, n.value2 !== undefined ? n.value2 + 1 : Number.NaN]) {
      if (Number.isFinite(edge) && edge > current) {
        const wait = edge - current;
        if (best === null || wait < best) best = wait;
      }
    }
  };
  group.conditions.forEach(visit);
  return best;
}
