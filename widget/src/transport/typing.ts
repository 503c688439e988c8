import { agentTyping, conversation } from '../state/conversation';
import type { TypingFrame } from '../state/typing';
import { online, socket, type VisitorSocket } from './link';

/** The last typing state sent: a "stopped" with the same draft says nothing new. */
let typingSent: TypingFrame = { typing: false };

/** Tells the agent side the visitor is typing (and what, with typing preview); only within a live conversation. */
export function sendTyping(frame: TypingFrame): void {
  const c = conversation.peek();
  const last = typingSent;
  if (!online() || !c || c.status === 'resolved') return;
  if (!frame.typing && !last.typing && (frame.draft || '') === (last.draft || '')) return;
  socket!.emit('typing:set', { conversationId: c.id, ...frame });
  typingSent = frame;
}

/** The visitor was erased: the next visitor's first "stopped typing" is news again. */
export const forgetTyping = () => (typingSent = { typing: false });

/** Shows whether an agent is typing in the current conversation. */
export function listenTyping(s: VisitorSocket): void {
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  s.on('typing:update', (p) => {
    if (p.conversationId !== conversation.peek()?.id) return;
    clearTimeout(typingTimer);
    agentTyping.value = p.typing ? p.name || '' : null;
    // A lost "stopped typing" must not leave the indicator on forever.
    if (p.typing) typingTimer = setTimeout(() => (agentTyping.value = null), 10_000);
  });
}
