import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, VisitorConversation, VisitorConversationItem } from '@causette/shared';
import { setLanguage } from '../i18n';
import { acceptConversation, conversation } from './conversation';
import { historyList, historyShown, openPast, pastOpen, showHistory, startNewConversation } from './history';
import { messages } from './messages';
import { ratingDraft, ratingEditing, ratingError, submitRating } from './rating';
import { requestTranscript, transcriptEmail, transcriptResult } from './transcript';

const conv = (over: Partial<VisitorConversation> = {}): VisitorConversation => ({
  id: 'c1', status: 'resolved', agent: null, lastSeq: 2, agentReadSeq: 2, agentDeliveredSeq: 2, visitorReadSeq: 2, rating: null, queue: null, createdAt: 1, ...over,
});
const msg = (seq: number, conversationId = 'c1'): Message => ({
  id: 'm' + seq, conversationId, seq, clientId: 'k' + conversationId + seq, author: 'visitor', authorId: null, authorName: null, kind: 'text', body: 'b' + seq, createdAt: seq,
});

beforeEach(() => {
  setLanguage('en');
  conversation.value = null;
  messages.value = [];
  ratingDraft.value = { score: 0, comment: '' };
  ratingEditing.value = false;
  ratingError.value = '';
  transcriptEmail.value = '';
  transcriptResult.value = null;
});

describe('rating', () => {
  it('asks for stars before sending anything', async () => {
    const send = vi.fn();
    expect(await submitRating('c1', send)).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(ratingError.value).toBe('Please choose from 1 to 5 stars.');
  });
  it('sends score and comment, and takes the rated conversation', async () => {
    conversation.value = conv();
    ratingDraft.value = { score: 4, comment: '  Quick  ' };
    ratingEditing.value = true;
    const rated = conv({ rating: { score: 4, comment: 'Quick', ratedAt: 5 } });
    const send = vi.fn(async () => ({ ok: true as const, conversation: rated }));
    expect(await submitRating('c1', send)).toBe(true);
    expect(send).toHaveBeenCalledWith({ conversationId: 'c1', score: 4, comment: 'Quick' });
    expect(conversation.value!.rating!.score).toBe(4);
    expect(ratingEditing.value).toBe(false);
  });
  it('shows the server’s refusal, or ours when there is no answer', async () => {
    ratingDraft.value = { score: 2, comment: '' };
    await submitRating('c1', async () => ({ ok: false as const, error: { code: 'conflict' as const, message: 'A chat can be rated once it is closed.' } }));
    expect(ratingError.value).toBe('A chat can be rated once it is closed.');
    await submitRating('c1', async () => undefined);
    expect(ratingError.value).toBe('Your rating could not be sent. Please try again.');
  });
});

describe('transcript', () => {
  it('refuses a bad address without asking the server', async () => {
    transcriptEmail.value = 'nope';
    const send = vi.fn();
    await requestTranscript('c1', send);
    expect(send).not.toHaveBeenCalled();
    expect(transcriptResult.value).toEqual({ error: 'Please enter a valid email address.' });
  });
  it('says where it went, or why not in the visitor’s language (the server’s words are English)', async () => {
    transcriptEmail.value = ' lea@example.com ';
    const send = vi.fn(async () => ({ ok: true as const, sentTo: 'lea@example.com' }));
    await requestTranscript('c1', send);
    expect(send).toHaveBeenCalledWith({ conversationId: 'c1', email: 'lea@example.com' });
    expect(transcriptResult.value).toEqual({ sentTo: 'lea@example.com' });
    await requestTranscript('c1', async () => ({ ok: false as const, error: { code: 'unavailable' as const, message: 'The transcript could not be sent just now.' } }));
    expect(transcriptResult.value).toEqual({ error: 'The conversation could not be sent. Please try again.' });
    setLanguage('fr');
    await requestTranscript('c1', async () => ({ ok: false as const, error: { code: 'rate_limited' as const, message: 'Too many transcripts asked for.' } }));
    expect(transcriptResult.value).toEqual({ error: 'Trop d’e-mails demandés. Veuillez réessayer dans quelques minutes.' });
    await requestTranscript('c1', async () => ({ ok: false as const, error: { code: 'bad_request' as const, message: 'Give an email address to send the transcript to.' } }));
    expect(transcriptResult.value).toEqual({ error: 'Veuillez saisir une adresse e-mail valide.' });
  });
  it('lets the server use the address it knows when none is typed', async () => {
    const send = vi.fn(async () => ({ ok: true as const, sentTo: 'known@example.com' }));
    await requestTranscript('c1', send);
    expect(send).toHaveBeenCalledWith({ conversationId: 'c1' });
  });
});

describe('history', () => {
  const item: VisitorConversationItem = { id: 'c0', status: 'resolved', agent: null, lastMessage: null, rating: null, createdAt: 1, updatedAt: 2 };
  it('lists the conversations the server returns', async () => {
    await showHistory(async () => ({ ok: true as const, conversations: [item] }));
    expect(historyShown.value).toBe(true);
    expect(historyList.value).toEqual([item]);
  });
  it('reads a past conversation page after page', async () => {
    const sync = vi.fn(async ({ afterSeq }: { afterSeq: number }) =>
      afterSeq === 0 ? { ok: true as const, messages: [msg(1, 'c0'), msg(2, 'c0')], more: true } : { ok: true as const, messages: [msg(3, 'c0')], more: false },
    );
    await openPast(item, sync);
    expect(sync.mock.calls.map((c) => c[0])).toEqual([{ conversationId: 'c0', afterSeq: 0 }, { conversationId: 'c0', afterSeq: 2 }]);
    expect(pastOpen.value!.messages!.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
  it('starts a new conversation clean, and the closed one does not come back when the server names it', () => {
    acceptConversation(conv());
    messages.value = [msg(1), msg(2), { clientId: 'unsent', body: 'x', author: 'visitor', createdAt: 9 }];
    startNewConversation();
    expect(conversation.value).toBeNull();
    expect(messages.value.map((m) => m.clientId)).toEqual(['unsent']);
    acceptConversation(conv());
    expect(conversation.value).toBeNull();
    // The next one is taken.
    acceptConversation(conv({ id: 'c2', status: 'open', createdAt: 10 }));
    expect(conversation.value!.id).toBe('c2');
  });
});
