/**
 * axe-core in a real page: the widget (inside its open shadow root) and the console, audited as a screen reader
 * user's tools would see them. A check fails on any `serious` or `critical` violation and prints each rule's id,
 * what it says, and the elements it names (shadow DOM targets as `host >>> inner`).
 * `AXE_REPORT=1` prints every violation found, whatever its impact.
 *
 * Injection: the console sends `script-src 'self'`, so a `<script>` tag with axe's source would be refused.
 * `page.evaluate` of the source runs through the DevTools protocol, which the page's CSP does not govern.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;
const axeSource = () => (source ||= readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** The widget's whole tree, selected through its host's open shadow root. */
export const WIDGET_CONTEXT = { include: [{ fromShadowDom: ['#causette-root', '.w'] }] } as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  summary: string;
}

type Context = typeof WIDGET_CONTEXT | 'document';

/** Runs axe in `page` against `context` (the whole document, which axe walks into open shadow roots too). */
export async function axeViolations(page: Page, context: Context = 'document'): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(await axeSource());
  return page.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } }).axe;
    const result = await axe.run(ctx === 'document' ? document : ctx, {
      // Every rule axe runs by default (WCAG A/AA and best practices); the impact decides what fails.
      resultTypes: ['violations'],
    });
    const show = (t: unknown): string => (Array.isArray(t) ? t.map(show).join(' >>> ') : String(t));
    return (result.violations as any[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => show(n.target)),
      summary: v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '',
    }));
  }, context);
}

/** Fails with a readable list when axe finds a `serious` or `critical` violation in `what`. */
export async function assertNoSeriousViolations(page: Page, what: string, context: Context = 'document'): Promise<AxeViolation[]> {
  const all = await axeViolations(page, context);
  const bad = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // AXE_REPORT=1 prints every violation, minor and moderate ones too, for whoever is polishing.
  if (process.env.AXE_REPORT) console.log(`axe, ${what}:`, all.map((v) => `[${v.impact}] ${v.id} ${v.targets.join(', ')}`));
  if (bad.length) {
    const lines = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.slice(0, 6).join('\n    ')}\n    ${v.summary}`);
    throw new Error(`axe: ${bad.length} serious or critical violation(s) in ${what}:\n${lines.join('\n')}`);
  }
  return all;
}
