import { acceptConversation, AGENT_AUTHORS, agentTyping, setAgentReadSeq } from '../state/conversation';
import { addMessages } from '../state/messages';
import { agentsOnline, connection, opening, site } from '../state/session';
import { showTeaser } from '../state/teaser';
import { announce, type VisitorSocket } from './link';
import { advance } from './sync';

/** What the server pushes to the page unasked: messages, the conversation, the site, teasers, read marks. */
export function listen(s: VisitorSocket): void {
  s.on('disconnect', () => {
    connection.value = 'offline';
    agentTyping.value = null;
  });
  s.on('message:new', (m) => {
    announce(m);
    addMessages([m]);
    advance(m);
    if (AGENT_AUTHORS.includes(m.author)) agentTyping.value = null;
  });
  s.on('conversation:update', acceptConversation);
  s.on('teaser:show', showTeaser);
  s.on('site:availability', (p) => {
    agentsOnline.value = p.agentsOnline;
    if (p.opening) opening.value = p.opening;
  });
  // Keeps what only session:resume brings (the pre-chat topics) when the settings change.
  s.on('site:update', (p) => (site.value = { ...site.peek(), ...p }));
  s.on('read:update', (p) => setAgentReadSeq(p.conversationId, p.seq));
}
