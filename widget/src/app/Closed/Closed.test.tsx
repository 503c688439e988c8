import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VisitorConversation } from '@causette/shared';
import { conversation } from '../../state/conversation';
import { historyShown } from '../../state/history';
import { messages } from '../../state/messages';
import { open, setOpen } from '../../state/panel';
import { ratingDraft, ratingEditing } from '../../state/rating';
import { transcriptEmail, transcriptOpen, transcriptResult } from '../../state/transcript';
import { agentsOnline, connection, site } from '../../state/session';
import { ask } from '../../transport/socket';
import { loadPanel } from '../lazy';
import { App } from '../App/App';

vi.mock('../../transport/socket', () => ({ ask: vi.fn(), leaveMessage: vi.fn(), sendTyping: vi.fn(), wake: vi.fn(), forgetVisitor: vi.fn() }));
const askMock = vi.mocked(ask as (...a: unknown[]) => Promise<unknown>);

let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));
const closed = (over: Partial<VisitorConversation> = {}): VisitorConversation => ({
  id: 'c1', status: 'resolved', agent: { id: 'a1', name: 'Ana', avatarUrl: null }, lastSeq: 1, agentReadSeq: 1, agentDeliveredSeq: 1, visitorReadSeq: 1, rating: null, queue: null, createdAt: 1, ...over,
});

beforeAll(async () => {
  await loadPanel();
});
beforeEach(async () => {
  askMock.mockReset();
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = closed();
  agentsOnline.value = true;
  connection.value = 'online';
  open.value = false;
  historyShown.value = false;
  ratingDraft.value = { score: 0, comment: '' };
  ratingEditing.value = false;
  transcriptOpen.value = false;
  transcriptEmail.value = '';
  transcriptResult.value = null;
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi!', color: '#4f46e5' } };
  act(() => render(<App />, root));
  act(() => setOpen(true));
  // The closed chat's part of the panel is a chunk of its own.
  await vi.waitFor(() => expect(root.querySelector('[data-part=closed]')).not.toBeNull(), { timeout: 5000 });
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('under a closed chat', () => {
  it('asks for 1–5 stars as named radio buttons in a group, and sends the rating', async () => {
    const radios = Array.from(root.querySelectorAll<HTMLInputElement>('[role=radiogroup] input[type=radio]'));
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual(['1 out of 5', '2 out of 5', '3 out of 5', '4 out of 5', '5 out of 5']);
    expect($('legend')!.textContent).toBe('How was this chat?');
    const stars = () => $('[role=radiogroup]')!.textContent;
    expect(stars()).toBe('☆☆☆☆☆');
    act(() => radios[3]!.click());
    // The choice shows in the stars' shape, not their colour alone.
    expect(stars()).toBe('★★★★☆');
    askMock.mockResolvedValue({ ok: true, conversation: closed({ rating: { score: 4, comment: null, ratedAt: 2 } }) });
    act(() => $<HTMLButtonElement>('[data-part=rating-submit]')!.click());
    await settle();
    expect(askMock).toHaveBeenCalledWith('conversation:rate', { conversationId: 'c1', score: 4 });
    expect($('[data-part=rating-given]')!.textContent).toContain('You rated this chat 4/5.');
    // The form that had the focus is gone: "Change" has it (a keyboard user is not dropped to the page).
    expect(document.activeElement).toBe($('[data-part=rating-change]'));
    // Changing it starts from the given rating, focused.
    act(() => $<HTMLButtonElement>('[data-part=rating-change]')!.click());
    expect($<HTMLInputElement>('input[aria-label="4 out of 5"]')!.checked).toBe(true);
    expect(document.activeElement).toBe($('input[aria-label="4 out of 5"]'));
  });

  it('hides the rating where the site turned it off', () => {
    act(() => {
      site.value = { ...site.value!, settings: { ...site.value!.settings, csat: false } };
    });
    expect($('[data-part=rating]')).toBeNull();
    expect($('[data-part=transcript-open]')).not.toBeNull();
  });

  it('offers no transcript by email where the server sends no email', () => {
    act(() => {
      site.value = { ...site.value!, email: false };
    });
    expect($('[data-part=transcript-open]')).toBeNull();
    expect($('[data-part=rating]')).not.toBeNull();
    expect($('[data-part=new-chat]')).not.toBeNull();
  });

  it('emails the transcript and says where it went, or why not', async () => {
    act(() => $<HTMLButtonElement>('[data-part=transcript-open]')!.click());
    const email = $<HTMLInputElement>('[data-part=transcript-email]')!;
    act(() => {
      email.value = 'lea@example.com';
      email.dispatchEvent(new Event('input', { bubbles: true }));
    });
    askMock.mockResolvedValue({ ok: false, error: { code: 'rate_limited', message: 'Too many transcripts asked for.' } });
    act(() => $<HTMLButtonElement>('[data-part=transcript-send]')!.click());
    await settle();
    expect($('[data-part=transcript-error]')!.textContent).toBe('Too many emails asked for. Please try again in a few minutes.');
    askMock.mockResolvedValue({ ok: true, sentTo: 'lea@example.com' });
    act(() => $<HTMLButtonElement>('[data-part=transcript-send]')!.click());
    await settle();
    expect(askMock).toHaveBeenLastCalledWith('transcript:request', { conversationId: 'c1', email: 'lea@example.com' });
    expect($('[data-part=transcript-sent]')!.textContent).toBe('Sent to lea@example.com.');
    // The form is gone; the focus is on the button that opened it, next to the "Sent" status.
    expect(document.activeElement).toBe($('[data-part=transcript-open]'));
  });

  it('lists past conversations with date, agent, last line and rating, and starts a new chat clean', async () => {
    askMock.mockResolvedValue({
      ok: true,
      conversations: [{ id: 'c1', status: 'resolved', agent: { id: 'a1', name: 'Ana', avatarUrl: null }, lastMessage: { body: 'Bye!' }, rating: { score: 5, comment: null, ratedAt: 1 }, createdAt: Date.UTC(2026, 0, 5, 10), updatedAt: 1 }],
    });
    act(() => $<HTMLButtonElement>('[data-part=history-open]')!.click());
    await vi.waitFor(() => expect($('[data-part=history-item]')).not.toBeNull());
    expect(askMock).toHaveBeenCalledWith('conversation:list', {});
    const row = $('[data-part=history-item]')!.textContent!;
    expect(row).toContain('2026');
    expect(row).toContain('with \u2068Ana\u2069');
    expect(row).toContain('Bye!');
    expect(row).toContain('rated 5/5');
    expect(document.activeElement!.textContent).toBe('Past conversations');
    act(() => $<HTMLButtonElement>('[data-part=history-back]')!.click());
    // Back where the visitor was: on the button that opened the history.
    expect(document.activeElement).toBe($('[data-part=history-open]'));
    act(() => $<HTMLButtonElement>('[data-part=new-chat]')!.click());
    expect(conversation.value).toBeNull();
    expect($('[data-part=closed]')).toBeNull();
    expect($('[data-part=input]')).not.toBeNull();
    // The past is still one click away while the new chat has not started.
    expect($('[data-part=history-open]')).not.toBeNull();
  });
});
