/**
 * The console beyond one agent and one chat: internal notes, transfers to a colleague, the live visitors
 * screen and chats an agent starts. REST calls use the cookies of a logged-in browser context.
 */
import type { Agent, VisitorContext } from '@causette/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { C } from './console.js';
import { waitFor } from './wait.js';

export const CT = {
  noteToggle: '[data-test=note-toggle]',
  transfer: '[data-test=transfer]',
  transferAgent: '[data-test=transfer-agent]',
  transferNote: 'textarea[name=transfer-note]',
  transferConfirm: '[data-test=transfer-confirm]',
  navVisitors: '[data-test=nav-visitors]',
  visitorRow: '[data-test=visitor-row]',
  startChat: '[data-test=start-chat]',
  openingMessage: 'textarea[name=opening-message]',
  startChatSend: '[data-test=start-chat-send]',
} as const;

/** The thread's lines with their kind (`text`, `note`, `event`), which ChatLine leaves out. */
export interface KindLine {
  author: string;
  kind: string;
  seq: number | null;
  pending: boolean;
  text: string;
}

export async function threadKindLines(page: Page): Promise<KindLine[]> {
  return page.locator(`${C.thread} ${C.message}`).evaluateAll((els, body) =>
    els.map((el) => {
      const seq = el.getAttribute('data-seq');
      return {
        author: el.getAttribute('data-author') ?? '',
        kind: el.getAttribute('data-kind') ?? '',
        seq: seq === null || seq === '' ? null : Number(seq),
        pending: el.getAttribute('data-pending') === 'true',
        text: (el.querySelector(body)?.textContent ?? '').trim(),
      };
    }), C.body);
}

/** An admin creates a colleague over REST (as the admin's console would); returns the new agent. */
export async function createAgent(admin: BrowserContext, baseUrl: string, body: { email: string; name: string; password: string }): Promise<Agent> {
  const res = await admin.request.post(`${baseUrl}/api/agents`, { data: body });
  if (res.status() !== 201) throw new Error(`POST /api/agents answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as Agent;
}

export async function signedInAgent(context: BrowserContext, baseUrl: string): Promise<Agent> {
  const res = await context.request.get(`${baseUrl}/api/auth/me`);
  if (!res.ok()) throw new Error(`GET /api/auth/me answered ${res.status()}: ${await res.text()}`);
  return ((await res.json()) as { agent: Agent }).agent;
}

export async function visitorsOnSite(context: BrowserContext, baseUrl: string, siteId: string): Promise<VisitorContext[]> {
  const res = await context.request.get(`${baseUrl}/api/visitors?siteId=${encodeURIComponent(siteId)}`);
  if (!res.ok()) throw new Error(`GET /api/visitors answered ${res.status()}: ${await res.text()}`);
  return ((await res.json()) as { items: VisitorContext[] }).items;
}

/** Writes an internal note in the open chat with the composer's note switch, then switches back to replies. */
export async function sendAgentNote(page: Page, text: string): Promise<KindLine> {
  const toggle = page.locator(CT.noteToggle);
  if (!(await toggle.isChecked())) await toggle.check();
  await page.locator(C.composer).fill(text);
  await page.locator(C.send).click();
  const stored = await waitFor(`the console thread to show the stored note "${text}"`, async () => {
    const line = (await threadKindLines(page)).find((l) => l.text === text);
    if (!line) return false;
    if (line.kind !== 'note' || line.author !== 'agent' || line.pending || line.seq === null) {
      throw new Error(`the line reads ${JSON.stringify(line)}`);
    }
    return line;
  });
  await toggle.uncheck();
  return stored;
}

