/**
 * The widget's visitor features (pre-chat form, message status, rating, history, opening hours, transcript,
 * emoji, links) as a visitor meets them, and the admin's REST look at a conversation to check what was stored.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ConversationSummary } from '@causette/shared';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.js';

export const WF = {
  prechatForm: '[data-part=prechat-form]',
  prechatSubmit: '[data-part=prechat-submit]',
  prechatAlert: '[data-part=prechat-alert]',
  prechatMessage: '[data-part=prechat-message]',
  status: '[data-part=status]',
  closed: '[data-part=closed]',
  rating: '[data-part=rating]',
  ratingComment: '[data-part=rating-comment]',
  ratingSubmit: '[data-part=rating-submit]',
  ratingGiven: '[data-part=rating-given]',
  ratingChange: '[data-part=rating-change]',
  historyOpen: '[data-part=history-open]',
  historyItem: '[data-part=history-item]',
  historyMessages: '[data-part=history-messages]',
  historyBack: '[data-part=history-back]',
  newChat: '[data-part=new-chat]',
  hours: '[data-part=hours]',
  transcriptOpen: '[data-part=transcript-open]',
  emojiOpen: '[data-part=emoji-open]',
  emojiGrid: '[data-part=emoji-grid]',
  link: '[data-part=link]',
} as const;

/** What the element focused inside the widget's shadow root is (data-part, name, tag), for keyboard journeys. */
export async function focusedInWidget(page: Page): Promise<{ tag: string; part: string | null; name: string | null; label: string | null }> {
  return page.evaluate(() => {
    const el = document.querySelector('#causette-root')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return { tag: el?.tagName.toLowerCase() ?? '', part: el?.getAttribute('data-part') ?? null, name: el?.getAttribute('name') ?? null, label: el?.getAttribute('aria-label') ?? null };
  });
}

/** The admin's REST session (no console opened): reads conversations as stored. */
export async function adminReader(context: BrowserContext, baseUrl: string) {
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  if (!login.ok()) throw new Error(`POST /api/auth/login answered ${login.status()}`);
  return {
    async conversations(): Promise<ConversationSummary[]> {
      const res = await context.request.get(`${baseUrl}/api/conversations`);
      if (!res.ok()) throw new Error(`GET /api/conversations answered ${res.status()}: ${await res.text()}`);
      return ((await res.json()) as { items: ConversationSummary[] }).items;
    },
    async conversation(id: string): Promise<ConversationSummary> {
      const res = await context.request.get(`${baseUrl}/api/conversations/${id}`);
      if (!res.ok()) throw new Error(`GET /api/conversations/${id} answered ${res.status()}: ${await res.text()}`);
      return ((await res.json()) as { conversation: ConversationSummary }).conversation;
    },
  };
}
