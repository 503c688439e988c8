import { batch, signal } from '@preact/signals-core';
import type { Ack, VisitorConversation } from '@causette/shared';
import { t } from '../i18n';
import '../i18n/features';
import { acceptConversation } from './conversation';

export type RateReply = Ack<{ conversation: VisitorConversation }> | undefined;
export type RateSend = (p: { conversationId: string; score: number; comment?: string }) => Promise<RateReply>;

/** The stars chosen (0: none yet) and the comment, before sending. */
export const ratingDraft = signal({ score: 0, comment: '' });
/** The visitor asked to change a rating they gave. */
export const ratingEditing = signal(false);
export const ratingBusy = signal(false);
export const ratingError = signal('');

/** Starts changing a given rating, from what it was. */
export function editRating(c: VisitorConversation): void {
  batch(() => {
    ratingDraft.value = { score: c.rating?.score ?? 0, comment: c.rating?.comment ?? '' };
    ratingEditing.value = true;
  });
}

/** Sends the rating of the closed chat `conversationId`; the conversation the server returns carries it. */
export async function submitRating(conversationId: string, send: RateSend): Promise<boolean> {
  const { score, comment } = ratingDraft.peek();
  if (ratingBusy.peek()) return false;
  if (!(score >= 1 && score <= 5)) {
    ratingError.value = t('pickStars');
    return false;
  }
  ratingBusy.value = true;
  ratingError.value = '';
  const text = comment.trim().slice(0, 1000);
  const reply = await send({ conversationId, score, ...(text && { comment: text }) }).catch(() => undefined);
  batch(() => {
    ratingBusy.value = false;
    if (reply?.ok) {
      acceptConversation(reply.conversation);
      ratingEditing.value = false;
      ratingDraft.value = { score: 0, comment: '' };
    } else ratingError.value = reply ? reply.error.message : t('rateFailed');
  });
  return !!reply?.ok;
}
