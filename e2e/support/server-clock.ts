/**
 * A server whose clock a journey can move forward: days pass for it (tokens age, links expire) while the browser
 * and the test run in real time. The server process loads `clock-preload.mjs`, which adds the offset written in a
 * file to `Date.now()`; everything else is the real server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.js';
import type { World } from './journey.js';
import { sleep } from './wait.js';

export interface MovableClock {
  /** The server's clock is this far ahead of the real one from now on. */
  setAhead(ms: number): Promise<void>;
}

export function serverWithClock(extraEnv: Record<string, string> = {}): { clock: MovableClock; startWorld: () => Promise<World> } {
  const file = join(mkdtempSync(join(tmpdir(), 'causette-clock-')), 'offset');
  writeFileSync(file, '0');
  const preload = new URL('./clock-preload.mjs', import.meta.url).href;
  return {
    clock: {
      async setAhead(ms) {
        writeFileSync(file, String(ms));
        // The server polls the file every 50 ms.
        await sleep(300);
      },
    },
    async startWorld() {
      const server = await startServer({ ...extraEnv, NODE_OPTIONS: `--import ${preload}`, CAUSETTE_E2E_CLOCK_FILE: file });
      return { servers: [server], stop: () => server.stop() };
    },
  };
}
