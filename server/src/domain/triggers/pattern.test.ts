/**
 * What a marketer types as a `matches` pattern can never stall the server, whatever a visitor sends. Each check
 * runs synchronously, so a backtracking engine would not time out here: it would hang, then fail on the clock.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, regexProblem } from './conditions.js';
import { MAX_PROGRAM } from './pattern.js';
import { emptyState } from './state.js';

/** Well-known catastrophic patterns, each with the character that makes a backtracking engine explode on it. */
const CATASTROPHIC: Array<[pattern: string, evil: string]> = [
  ['(a|a)+$', 'a'],
  ['(a+)+$', 'a'],
  ['(a|aa)+$', 'a'],
  ['([a-zA-Z]+)*$', 'a'],
  ['(.*a){12}', 'a'],
  ['\\w*\\w*\\w*x', 'a'],
  ['a.*a.*a.*b', 'a'],
  ['(x+x+)+y', 'x'],
  ['^(a?){25}a{25}$', 'a'],
  ['(\\d+)*\\.', '1'],
  ['(a*)*b', 'a'],
  ['(\\w+\\s?)*$', 'a'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', 'a'],
  ['^(\\w+)*@', 'a'],
  ['(.*){1,32}[bc]', 'a'],
  ['(a|b|c|.)+z', 'a'],
];

/** Generous for a loaded CI machine; the backtracking engine took seconds on 25 characters and hours on 2,048. */
const BUDGET_MS = 1000;

function timedMatch(pattern: string, url: string): { passed: boolean; ms: number } {
  const state = { ...emptyState(), page: { url, path: '/', title: '' } };
  const at = performance.now();
  const { passed } = evaluate({ match: 'all', conditions: [{ field: 'page.url', operator: 'matches', value: pattern }] }, state, Date.now());
  return { passed, ms: performance.now() - at };
}

describe('trigger patterns', () => {
  it('refuses or checks every catastrophic pattern quickly, from a short attack up to the 2,048 characters read', { timeout: 60_000 }, () => {
    for (const length of [25, 2048]) {
      for (const [pattern, evil] of CATASTROPHIC) {
        const problem = regexProblem(pattern);
        if (problem) {
          expect(problem, pattern).toMatch(/not supported|too large|invalid regular expression/);
          continue;
        }
        const { ms } = timedMatch(pattern, `https://x.test/${evil.repeat(length)}!`);
        expect(ms, `${pattern} on ${length} × "${evil}"`).toBeLessThan(BUDGET_MS);
      }
    }
  });

  it('checks the largest accepted program quickly on an adversarial input', () => {
    const biggest = '(a|b|c|.){65}z';
    expect(regexProblem(biggest)).toBeNull();
    for (let i = 0; i < 3; i++) expect(timedMatch(biggest, `https://x.test/${'a'.repeat(2048)}${i}`).ms).toBeLessThan(BUDGET_MS);
    expect(regexProblem('(a|b|c|.){1000}')).toMatch(new RegExp(`too large \\(\\d+ steps, at most ${MAX_PROGRAM}\\)`));
    expect(regexProblem('.{300}x')).toMatch(/too large/);
  });

  it('names the construct the linear-time engine cannot run, and refuses invalid syntax', () => {
    expect(regexProblem('(a)\\1')).toMatch(/^backreferences such as \\1 are not supported/);
    expect(regexProblem('(?<n>a)\\k<n>')).toMatch(/^backreferences such as \\k<n> are not supported/);
    expect(regexProblem('/checkout(?=/done)')).toMatch(/^lookarounds such as \(\?=…\)/);
    expect(regexProblem('(?!x)/cart')).toMatch(/^lookarounds/);
    expect(regexProblem('(?<=shop)/cart')).toMatch(/^lookarounds/);
    expect(regexProblem('(?<!shop)/cart')).toMatch(/^lookarounds/);
    expect(regexProblem('([a-z')).toMatch(/^invalid regular expression: missing closing \]/);
    expect(regexProblem('a**')).toMatch(/^invalid regular expression/);
  });

  it('keeps the meaning of ordinary patterns: case-insensitive, JavaScript escapes, anchors', () => {
    expect(timedMatch('^https://shop\\.example/(products|cart)/tote', 'HTTPS://Shop.Example/Products/TOTE?x=1').passed).toBe(true);
    expect(timedMatch('/checkout/?$', 'https://s/checkout/').passed).toBe(true);
    expect(timedMatch('/checkout/?$', 'https://s/checkout/done').passed).toBe(false);
    expect(timedMatch('caf\\u00e9', 'https://s/CAFÉ').passed).toBe(true);
    expect(timedMatch('\\/sale\\/\\d{4}', 'https://s/sale/2026').passed).toBe(true);
    expect(timedMatch('^https://s/a[^]b', 'https://s/a\nb').passed).toBe(true);
  });
});
