import { useEffect } from 'preact/hooks';
import { ConnectionBanner } from '../../components/ConnectionBanner/ConnectionBanner.js';
import { ConversationList } from '../../components/ConversationList/ConversationList.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { VisitorSidebar } from '../../components/VisitorSidebar/VisitorSidebar.js';
import { t } from '../../i18n/i18n.js';
import { erasedConversations, inbox, missingConversations, selectedConversation } from '../../state/conversations.js';
import { openConversation, selectedConversationId } from '../../state/router.js';
import { Conversation, NoConversation } from '../Conversation/Conversation.js';
import './Inbox.css';

/** Alt+↑ / Alt+↓ moves through My chats, the Queue then left messages, so an agent juggling chats keeps hands on the keys. */
function useChatSwitchKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      const order = [...inbox.value.mine, ...inbox.value.queue, ...inbox.value.pending].map((s) => s.id);
      if (order.length === 0) return;
      event.preventDefault();
      const index = order.indexOf(selectedConversationId.value ?? '');
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = index === -1 ? 0 : (index + step + order.length) % order.length;
      openConversation(order[next]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function Inbox() {
  useChatSwitchKeys();
  const conversation = selectedConversation.value;
  const selectedId = selectedConversationId.value;
  return (
    <div class="shell">
      <TopBar />
      <ConnectionBanner />
      <div class={`workspace${conversation ? ' has-selection' : ''}`}>
        <nav class="workspace__inbox" aria-label={t('inbox.label')}>
          <ConversationList />
        </nav>
        <main class="workspace__main">
          {conversation ? (
            <Conversation key={conversation.id} conversation={conversation} />
          ) : (
            <NoConversation
              missing={selectedId !== null && missingConversations.value.has(selectedId)}
              erased={selectedId !== null && erasedConversations.value.has(selectedId)}
            />
          )}
        </main>
        {conversation && <VisitorSidebar conversation={conversation} />}
      </div>
    </div>
  );
}
