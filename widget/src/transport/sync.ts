import type { Message } from '@causette/shared';
import { addMessages, latestSeq } from '../state/messages';
import { step } from './gaps';
import { ACK_TIMEOUT, noop, online, socket } from './link';

/** Per conversation, the seq up to which the server has confirmed this page holds everything (see gaps.ts). */
export const through = new Map<string, number>();

/**
 * Fetches everything after `afterSeq`, page by page. Kept as one small loop on purpose: the console pages the
 * same way, and both are to share one helper in `shared/` later.
 */
export async function sync(conversationId: string, afterSeq: number): Promise<void> {
  for (;;) {
    const reply = await socket!.timeout(ACK_TIMEOUT).emitWithAck('message:sync', { conversationId, afterSeq }).catch(noop);
    if (!reply?.ok) return;
    addMessages(reply.messages);
    const last = reply.messages[reply.messages.length - 1];
    if (!reply.more || !last) return confirm(conversationId);
    afterSeq = last.seq;
  }
}

/** The server has answered everything visible after `through`: what is held now is complete. */
export const confirm: (conversationId: string) => void = (conversationId) =>
  through.set(conversationId, Math.max(through.get(conversationId) ?? 0, latestSeq(conversationId)));

/** A stored message arrived: extend what is known complete, or fetch the hole before it. */
export function advance(m: Message): void {
  const next = step(through.get(m.conversationId) ?? 0, m.seq);
  if ('through' in next) through.set(m.conversationId, next.through);
  // Only once resumed: until then session:resume is about to bring the same messages.
  else if (online()) void sync(m.conversationId, next.syncAfter);
}
