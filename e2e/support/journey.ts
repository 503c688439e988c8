/**
 * Per-spec fixture: a real server with a fresh data directory and one Chromium, shared by the journey's
 * people, each in their own browser context. On failure it leaves what a person would need to
 * understand the failure: server output, page errors, and a screenshot of every open page.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, newPersonContext } from './browser.js';
import { REPO_ROOT } from './paths.js';
import { startServer, type RunningServer } from './server.js';

export interface Journey {
  readonly baseUrl: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new person: a fresh context, closed with the journey. `label` names its page errors and screenshots. */
  person(label: string, options?: BrowserContextOptions): Promise<BrowserContext>;
}

export function setupJourney(name: string): () => Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: Array<{ label: string; context: BrowserContext }> = [];
  const pageErrors: string[] = [];

  const journey: Journey = {
    get baseUrl() {
      return need(server, 'server').baseUrl;
    },
    get server() {
      return need(server, 'server');
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
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
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
    console.error(
      [`--- ${name}: screenshots in ${dir}`, '--- page errors ---', ...pageErrors, '--- server output ---', server?.logs() ?? ''].join('\n'),
    );
  });

  afterAll(async () => {
    await Promise.allSettled(contexts.map(({ context }) => context.close()));
    await browser?.close();
    await server?.stop();
  });

  return () => journey;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The journey's ${what} is not started (beforeAll failed?)`);
  return value;
}
