/**
 * Suites that need a service (PostgreSQL, Redis, a browser) run where it is present and are skipped with a
 * one-line reason where it is not — except under CI=true, where a missing service fails the run.
 */
export const IN_CI = process.env.CI === 'true';

export async function probe(name: string, check: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await check();
    return { ok: true };
  } catch (err) {
    const reason = `${name} unavailable: ${(err as Error).message.split('\n')[0]}`;
    if (IN_CI) throw new Error(`${reason} (CI=true: no suite may skip)`);
    process.stderr.write(`skipped: ${reason}\n`);
    return { ok: false, reason };
  }
}

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
