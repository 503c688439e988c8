import { batch, signal } from '@preact/signals-core';
import type { Ack, Message, MessageSyncReply, VisitorConversationItem } from '@causette/shared';
import { t } from '../i18n';
import '../i18n/features';
import { conversation, dismissConversation } from './conversation';
import { messages } from './messages';

export type ListSend = () => Promise<Ack<{ conversations: VisitorConversationItem[] }> | undefined>;
export type SyncSend = (p: { conversationId: string; afterSeq: number }) => Promise<Ack<MessageSyncReply> | undefined>;

/** The panel shows the history instead of the chat. */
export const historyShown = signal(false);
/** The visitor left a closed chat for a new one here: the way back to the history stays above the composer. */
export const pastBehind = signal(false);
/** The visitor's conversations, newest first; null while loading. */
export const historyList = signal<VisitorConversationItem[] | null>(null);
export const historyError = signal('');
/** A past conversation opened from the list, read-only. */
export const pastOpen = signal<{ item: VisitorConversationItem; messages: Message[] | null } | null>(null);

export async function showHistory(list: ListSend): Promise<void> {
  batch(() => {
    historyShown.value = true;
    historyList.value = null;
    historyError.value = '';
    pastOpen.value = null;
  });
  const reply = await list().catch(() => undefined);
  if (reply?.ok) historyList.value = reply.conversations;
  else historyError.value = reply ? reply.error.message : t('pastFailed');
}

let historyReturn = false;
/** Whether the history was just left with "Back": the button that opened it takes the focus (once). */
export function takeHistoryReturn(): boolean {
  const back = historyReturn;
  historyReturn = false;
  return back;
}

/** Back to the chat; `returnFocus`: to the button that opened the history (keyboard users land where they were). */
export function hideHistory(returnFocus = false): void {
  historyReturn = returnFocus;
  batch(() => {
    historyShown.value = false;
    pastOpen.value = null;
  });
}

/** Opens a past conversation: all its messages, page after page. */
export async function openPast(item: VisitorConversationItem, sync: SyncSend): Promise<void> {
  pastOpen.value = { item, messages: null };
  const all: Message[] = [];
  for (let afterSeq = 0; ; ) {
    const reply = await sync({ conversationId: item.id, afterSeq }).catch(() => undefined);
    if (!reply?.ok) {
      historyError.value = reply ? reply.error.message : t('pastFailed');
      pastOpen.value = null;
      return;
    }
    all.push(...reply.messages);
    const last = reply.messages[reply.messages.length - 1];
    if (!reply.more || !last) break;
    afterSeq = last.seq;
  }
  if (pastOpen.peek()?.item.id === item.id) pastOpen.value = { item, messages: all };
}

/**
 * After a closed chat: an empty thread for the next one. The closed conversation stays in the history; what the
 * visitor writes next starts a new conversation (no conversationId), as the transport does for a resolved one.
 */
export function startNewConversation(): void {
  const c = conversation.peek();
  batch(() => {
    if (c) dismissConversation(c.id);
    pastBehind.value = true;
    messages.value = messages.peek().filter((m) => m.seq == null);
    hideHistory();
  });
}
