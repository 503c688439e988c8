/**
 * The widget's size budget in the test suite: what a shop page loads before any click (widget.js, the core it
 * imports and the core's static imports), gzip level 9 file by file, exactly as `pnpm bench:size` counts it,
 * must stay at or under 25,000 B. `pnpm test` builds first; on a machine without a widget build the check is
 * skipped with a one-line reason, except under CI=true, where a missing build fails it.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGET_GZIP, WIDGET_DIST, widgetSizes } from './size.mjs';

const bundle = new URL('widget.js', WIDGET_DIST);
const built = existsSync(bundle);
const skip = built ? null : `no widget build at ${bundle.pathname} (run pnpm build)`;
if (skip !== null) {
  if (process.env.CI === 'true') throw new Error(`${skip} (CI=true: the size budget may not skip)`);
  console.warn(`skipped: ${skip}`);
}

describe.skipIf(skip !== null)(skip === null ? 'widget size budget' : `widget size budget (skipped: ${skip})`, () => {
  it(`page-load gzip is at most ${BUDGET_GZIP} B`, () => {
    const { pageLoad } = widgetSizes();
    const detail = pageLoad.files.map((f) => `${f.name} ${f.gzip} B`).join(', ');
    expect(pageLoad.total.gzip, `page load gzip ${pageLoad.total.gzip} B (${detail}) > budget ${BUDGET_GZIP} B`).toBeLessThanOrEqual(BUDGET_GZIP);
  });
});
