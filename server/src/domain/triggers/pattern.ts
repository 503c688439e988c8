/**
 * Patterns a marketer types (`matches` conditions) run on RE2 semantics (re2js), never on V8's backtracking
 * RegExp: a visitor controls the input (URL, title, referrer…), and one ambiguous pattern such as `(a|a)+$` once
 * froze the whole process for every site. RE2 matches in time linear in the input; the size cap below bounds the
 * other factor, the compiled program, so the cost of one check has a ceiling whatever is typed.
 */
import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * Largest compiled program accepted. Ordinary patterns compile to 5–70 instructions; the matcher's cost per input
 * character grows with this number, and at 200 a 2,048-character adversarial input is still checked in a few ms.
 * What exceeds it is a repeat count such as `.{300}` or `(a|b){100}`.
 */
export const MAX_PROGRAM = 200;

export type Compiled = { ok: true; matcher: RE2JS } | { ok: false; problem: string };

const LINEAR = '(patterns run on a linear-time engine)';

/**
 * The first backreference (`\1`, `\k<name>`), found before translation: translateRegExp would quietly turn
 * `\k<name>` into the literal text "k<name>", a pattern that never means what the marketer wrote.
 */
function backreference(pattern: string): string | null {
  for (let i = 0; i < pattern.length - 1; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[i + 1]!;
    if (next >= '1' && next <= '9') return `\\${next}`;
    if (next === 'k' && pattern[i + 2] === '<') return `\\k${/^<[^>]*>?/.exec(pattern.slice(i + 2))![0]}`;
    i++; // the escaped character is taken literally, even a backslash
  }
  return null;
}

/** The construct RE2 refused, said in the marketer's words rather than the parser's. */
function explain(message: string): string {
  const detail = message.replace(/^error parsing regexp:\s*/, '');
  const quoted = /`([^`]*)`/.exec(detail)?.[1] ?? '';
  if (/^\(\?<?[=!]/.test(quoted)) return `lookarounds such as (?=…), (?!…), (?<=…) and (?<!…) are not supported ${LINEAR}`;
  return `invalid regular expression: ${detail}`;
}

/**
 * Compiles a pattern the way `matches` runs it: case-insensitive, JavaScript spellings (`\u00e9`, `[^]`, `\/`)
 * translated to RE2's so patterns written for the old engine keep their meaning.
 */
export function compilePattern(pattern: string): Compiled {
  const backref = backreference(pattern);
  if (backref) return { ok: false, problem: `backreferences such as ${backref} are not supported ${LINEAR}` };
  let matcher: RE2JS;
  try {
    matcher = RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    if (err instanceof RE2JSSyntaxException) return { ok: false, problem: explain(err.message) };
    return { ok: false, problem: `invalid regular expression: ${(err as Error).message}` };
  }
  const size = (matcher.re2().prog as { numInst(): number }).numInst();
  if (size > MAX_PROGRAM) {
    return { ok: false, problem: `the regular expression is too large (${size} steps, at most ${MAX_PROGRAM}): use smaller repeat counts than {n}` };
  }
  return { ok: true, matcher };
}
