import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from './paths.js';

/** The README's pictures are refreshed only on request: `UPDATE_SCREENSHOTS=1 pnpm test:e2e`. */
export const updatingScreenshots = process.env.UPDATE_SCREENSHOTS === '1';

export async function saveDocScreenshot(page: Page, name: 'widget' | 'console'): Promise<void> {
  if (!updatingScreenshots) return;
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  // Let entrance animations finish; the picture should show what a person sees at rest.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
