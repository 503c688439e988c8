import { effect } from '@preact/signals-core';
import { AGENT_AUTHORS, conversation, visitorRead } from '../state/conversation';
import { latestSeq, messages } from '../state/messages';
import { connection } from '../state/session';
import { online, type VisitorSocket } from './link';

/** Tells the agent side what the visitor's device holds (delivered) and what the visitor has seen (read). */
export function sendReceipts(s: VisitorSocket): void {
  // Agent messages reached this device: the agent sees "delivered". At most one report per half second.
  let deliveredSent = '';
  let deliverTimer: unknown;
  effect(() => {
    if (connection.value !== 'online' || !conversation.value || !messages.value || deliverTimer) return;
    deliverTimer = setTimeout(() => {
      deliverTimer = undefined;
      const c = conversation.peek();
      const seq = c ? latestSeq(c.id, AGENT_AUTHORS) : 0;
      if (seq && online() && deliveredSent !== c!.id + seq) {
        s.emit('message:delivered', { conversationId: c!.id, seq });
        deliveredSent = c!.id + seq;
      }
    }, 500);
  });
  let readSent: unknown;
  effect(() => {
    const read = visitorRead.value;
    if (connection.value === 'online' && read && read !== readSent) {
      s.emit('read:mark', { conversationId: read.c, seq: read.s });
      readSent = read;
    }
  });
}
