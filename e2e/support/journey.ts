/**
 * Per-spec fixture: a real server with a fresh data directory and one Chromium, shared by the journey's
 * people, each in their own browser context. On failure it leaves what a person would need to
 * understand the failure: server output, page errors, and a screenshot of every open page.
 *
 * A journey may bring its own world instead of the one default server (several processes on PostgreSQL
 * and Redis: see support/processes.ts); `baseUrl` and `server` then name the first process.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, newPersonContext } from './browser.js';
import { REPO_ROOT } from './paths.js';
import { startServer, type RunningServer } from './server.js';

/** The server side of a journey: the processes it talks to, and how to take all of it down again. */
export interface World {
  /** In start order. */
  readonly servers: readonly RunningServer[];
  stop(): Promise<void>;
}

export interface Journey {
  readonly baseUrl: string;
  readonly server: RunningServer;
  readonly servers: readonly RunningServer[];
  readonly browser: Browser;
  /** A new person: a fresh context, closed with the journey. `label` names its page errors and screenshots. */
  person(label: string, options?: BrowserContextOptions): Promise<BrowserContext>;
}

async function oneServer(): Promise<World> {
  const server = await startServer();
  return { servers: [server], stop: () => server.stop() };
}

export function setupJourney(name: string, startWorld: () => Promise<World> = oneServer): () => Journey {
  let world: World | undefined;
  let browser: Browser | undefined;
  const contexts: Array<{ label: string; context: BrowserContext }> = [];
  const pageErrors: string[] = [];

  const journey: Journey = {
    get baseUrl() {
      return need(world, 'server').servers[0]!.baseUrl;
    },
    get server() {
      return need(world, 'server').servers[0]!;
    },
    get servers() {
      return need(world, 'server').servers;
    },
    get browser() {
      return need(browser, 'browser');
    },
    async person(label, options) {
      const context = await newPersonContext(need(browser, 'browser'), options);
      context.on('page', (page) => {
        page.on('pageerror', (error) => pageErrors.push(`[${label}] page error: ${error.message}`));
        page.on('response', (res) => {
          if (res.status() >= 400) pageErrors.push(`[${label}] HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
        });
        page.on('console', (msg) => {
          if (msg.type() === 'error') pageErrors.push(`[${label}] console.error: ${msg.text()}`);
        });
      });
      contexts.push({ label, context });
      return context;
    },
  };

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startWorld(), launchBrowser()]);
    if (started.status === 'fulfilled') world = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const dir = join(REPO_ROOT, 'e2e', 'artifacts', name);
    await mkdir(dir, { recursive: true });
    for (const { label, context } of contexts) {
      for (const [i, page] of context.pages().entries()) {
        await page.screenshot({ path: join(dir, `${label}-${i}.png`), timeout: 5_000 }).catch(() => undefined);
      }
    }
    const serverOutput = (world?.servers ?? []).flatMap((s, i, all) => [
      all.length === 1 ? '--- server output ---' : `--- server ${i + 1} (${s.baseUrl}) output ---`,
      s.logs(),
    ]);
    console.error([`--- ${name}: screenshots in ${dir}`, '--- page errors ---', ...pageErrors, ...serverOutput].join('\n'));
  });

  afterAll(async () => {
    await Promise.allSettled(contexts.map(({ context }) => context.close()));
    await browser?.close();
    await world?.stop();
  });

  return () => journey;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The journey's ${what} is not started (beforeAll failed?)`);
  return value;
}
