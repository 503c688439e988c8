/**
 * Everything a visitor's page holds of the chat, for privacy checks: the widget's whole shadow DOM (hidden
 * parts and attributes included), the page's own DOM, the page's storage, and every socket frame it received.
 */
import type { Page } from 'playwright-core';
import { assertNeverReceived, type ReceivedFrames } from './received-frames.js';

/** The widget's shadow root as markup (text, attributes, hidden nodes), plus the page's light DOM. */
export async function visitorPageMarkup(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.getElementById('causette-root');
    return `${host?.shadowRoot?.innerHTML ?? ''}\n${document.documentElement.outerHTML}`;
  });
}

/** localStorage and sessionStorage, keys and values. */
export async function visitorStorage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`);
    return [...dump(localStorage), ...dump(sessionStorage)].join('\n');
  });
}

/** Fails when `text` is anywhere the visitor's page could show or read it. */
export async function assertVisitorNeverSees(who: string, page: Page, frames: ReceivedFrames, text: string): Promise<void> {
  const markup = await visitorPageMarkup(page);
  // The widget must be there to prove anything: an empty shadow root would pass every check.
  if (!(await page.locator('[data-part=launcher]').count())) throw new Error(`${who}: the widget is not on the page`);
  if (markup.includes(text)) {
    const at = markup.indexOf(text);
    throw new Error(`${who}: the page shows "${text}": …${markup.slice(Math.max(0, at - 200), at + text.length + 100)}…`);
  }
  const storage = await visitorStorage(page);
  if (storage.includes(text) || storage.includes(JSON.stringify(text).slice(1, -1))) {
    throw new Error(`${who}: the page's storage holds "${text}": ${storage.slice(0, 600)}`);
  }
  assertNeverReceived(who, frames, text);
}
