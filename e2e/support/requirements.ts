import { existsSync } from 'node:fs';

/**
 * One rule for every suite that needs something outside Node (a browser, PostgreSQL, Redis):
 * on a developer machine a missing dependency skips the suite with a one-line reason; in CI
 * (`CI=true`) it fails, because a CI run that silently skipped its journeys proves nothing.
 *
 * Returns the skip reason, or `null` when the requirement is met. Use it as
 *   const skip = requireOrSkip('Chromium', available, 'set CHROMIUM_PATH');
 *   describe.skipIf(skip !== null)(withReason('journey', skip), ...)
 */
export function requireOrSkip(name: string, available: boolean, reason: string): string | null {
  if (available) return null;
  const message = `${name} is not available: ${reason}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing requirement fails the run instead of skipping it)`);
  console.warn(`[e2e] skipped: ${message}`);
  return message;
}

/** A suite title that carries the skip reason, so the reporter's line says why it did not run. */
export function withReason(title: string, skipReason: string | null): string {
  return skipReason === null ? title : `${title} (skipped: ${skipReason})`;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function requireChromium(): string | null {
  return requireOrSkip(
    'Chromium',
    existsSync(CHROMIUM_PATH),
    `no executable at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH)`,
  );
}
