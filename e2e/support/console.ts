/**
 * Driving the agent console as an agent does: log in, pick a conversation, take it, write.
 */
import type { Locator, Page } from 'playwright-core';
import { readLines, type ChatLine } from './chat-lines.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.js';
import { waitFor } from './wait.js';

export const C = {
  mine: '[data-test=mine]',
  queue: '[data-test=queue]',
  item: '[data-test=conversation-item]',
  unread: '[data-test=unread]',
  thread: '[data-test=thread]',
  message: '[data-test=message]',
  body: '[data-test=body]',
  take: '[data-test=take]',
  composer: '[data-test=composer]',
  send: '[data-test=send]',
  close: '[data-test=close]',
  typing: '[data-test=typing]',
  sidebar: '[data-test=sidebar]',
  currentPage: '[data-test=current-page]',
  journeyItem: '[data-test=journey-item]',
  cart: '[data-test=cart]',
  cartItem: '[data-test=cart-item]',
  cartTotal: '[data-test=cart-total]',
  connection: '[data-test=connection]',
} as const;

export const queueItems = (page: Page) => page.locator(`${C.queue} ${C.item}`);
export const mineItems = (page: Page) => page.locator(`${C.mine} ${C.item}`);

export async function loginAgent(page: Page, baseUrl: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator(C.queue).waitFor({ state: 'visible', timeout: 15_000 });
}

export async function threadLines(page: Page): Promise<ChatLine[]> {
  return page.locator(`${C.thread} ${C.message}`).evaluateAll(readLines, C.body);
}

/**
 * Opens, among the rows of `list`, the conversation whose thread shows `text` — what an agent does when several
 * chats wait: pick the row whose preview reads it, else look through the rows. Returns the row's conversation id.
 */
export async function openConversationShowing(page: Page, list: 'queue' | 'mine', text: string): Promise<string> {
  const rows = list === 'queue' ? queueItems(page) : mineItems(page);
  const opens = async (row: Locator, timeout: number): Promise<string | false> => {
    const id = await row.getAttribute('data-id');
    await row.click();
    const shown = await waitFor(`the thread of ${id} to show "${text}"`, async () => (await threadLines(page)).some((l) => l.text === text), {
      timeout,
    }).catch(() => false);
    return shown && id ? id : false;
  };
  return waitFor(`a conversation in "${list}" whose thread shows "${text}"`, async () => {
    const previewed = rows.filter({ hasText: text });
    if ((await previewed.count()) === 1) return opens(previewed, 5_000);
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const id = await opens(rows.nth(i), 2_000);
      if (id) return id;
    }
    return false;
  }, { timeout: 15_000 });
}

/** Takes the open conversation and waits until it has moved from the queue to the agent's own list. */
export async function takeOpenConversation(page: Page, conversationId: string): Promise<void> {
  await page.locator(C.take).click();
  await waitFor(`conversation ${conversationId} to move from the queue to "mine"`, async () => {
    const inMine = await page.locator(`${C.mine} ${C.item}[data-id="${conversationId}"]`).count();
    const inQueue = await page.locator(`${C.queue} ${C.item}[data-id="${conversationId}"]`).count();
    return inMine === 1 && inQueue === 0;
  });
}

export async function sendAgentMessage(page: Page, text: string): Promise<void> {
  await page.locator(C.composer).fill(text);
  await page.locator(C.send).click();
  await waitFor(`the console thread to show the agent's message "${text}"`, async () =>
    (await threadLines(page)).some((l) => l.author === 'agent' && l.text === text),
  );
}
