/**
 * Polling assertions: playwright-core ships no test runner, so no auto-retrying `expect`. Every wait here is
 * bounded and, on timeout, says what it waited for and what it last saw, so a red run explains itself.
 */
export interface WaitOptions {
  timeout?: number;
  interval?: number;
}

const DEFAULT_TIMEOUT = 10_000;

/** Retries `check` until it returns without throwing and its result is not `false`; returns that result. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, false>> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const interval = options.interval ?? 100;
  const deadline = Date.now() + timeout;
  let last: unknown = 'never checked';
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result as Exclude<T, false>;
      last = 'the check returned false';
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}. Last: ${String(last)}`);
    await sleep(interval);
  }
}

/**
 * Waits until `read()` deep-equals `expected`, then keeps reading for `settle` ms and fails if it changes:
 * "exactly once" means no late duplicate may show up after the expected state was reached.
 */
export async function waitForExactly<T>(
  what: string,
  read: () => Promise<T>,
  expected: T,
  options: WaitOptions & { settle?: number } = {},
): Promise<void> {
  const want = JSON.stringify(expected);
  await waitFor(what, async () => {
    const got = JSON.stringify(await read());
    if (got !== want) throw new Error(`expected ${want}\n   got ${got}`);
    return true;
  }, options);
  const settleUntil = Date.now() + (options.settle ?? 1_000);
  while (Date.now() < settleUntil) {
    await sleep(150);
    const got = JSON.stringify(await read());
    if (got !== want) throw new Error(`${what}: reached the expected state, then it changed.\nexpected ${want}\n   got ${got}`);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Plain assertion with a readable message; vitest's `expect` would do too, this keeps support/ runner-free. */
export function assertEqual<T>(what: string, actual: T, expected: T): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}\nexpected ${e}\n   got ${a}`);
}
