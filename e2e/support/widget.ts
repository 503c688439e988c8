/**
 * Driving the widget as a visitor does. It lives in an open shadow root; Playwright's CSS locators pierce it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { readLines, type ChatLine } from './chat-lines.js';
import { waitFor } from './wait.js';

export const W = {
  launcher: '[data-part=launcher]',
  badge: '[data-part=badge]',
  panel: '[data-part=panel]',
  message: '[data-part=message]',
  body: '[data-part=body]',
  input: '[data-part=input]',
  send: '[data-part=send]',
  typing: '[data-part=typing]',
  connection: '[data-part=connection]',
  agentName: '[data-part=agent-name]',
} as const;

/** Opens a shop page in a new tab of `context` and waits for the widget's launcher. */
export async function visitShop(context: BrowserContext, baseUrl: string, path = '/demo/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl + path);
  await page.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
  return page;
}

/** Opens the chat panel unless it is open already (it may stay open across pages). */
export async function openChat(page: Page): Promise<void> {
  await page.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
  if (!(await page.locator(W.panel).isVisible())) await page.locator(W.launcher).click();
  await page.locator(W.panel).waitFor({ state: 'visible' });
  await page.locator(W.input).waitFor({ state: 'visible' });
}

/** Types and sends like a person; returns once the message is on screen (acknowledged or not). */
export async function sendVisitorMessage(page: Page, text: string): Promise<void> {
  const input = page.locator(W.input);
  await input.fill(text);
  await page.locator(W.send).click();
  await waitFor(`the widget to show the visitor's message "${text}"`, async () =>
    (await widgetLines(page)).some((l) => l.author === 'visitor' && l.text === text),
  );
}

export async function widgetLines(page: Page): Promise<ChatLine[]> {
  return page.locator(W.message).evaluateAll(readLines, W.body);
}
