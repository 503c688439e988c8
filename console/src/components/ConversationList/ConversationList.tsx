import type { ConversationSummary } from '@causette/shared';
import { t } from '../../i18n/i18n.js';
import { inbox, unreadById } from '../../state/conversations.js';
import { openConversation, selectedConversationId } from '../../state/router.js';
import { currentAgent } from '../../state/session.js';
import { visitorContexts } from '../../state/visitors.js';
import { ConversationItem } from '../ConversationItem/ConversationItem.js';
import './ConversationList.css';

export function ConversationList() {
  const { mine, queue } = inbox.value;
  return (
    <div class="conversation-list">
      <Section title={t('inbox.mine')} test="mine" items={mine} empty={t('inbox.emptyMine')} />
      <Section title={t('inbox.queue')} test="queue" items={queue} empty={t('inbox.emptyQueue')} />
    </div>
  );
}

function Section({ title, test, items, empty }: { title: string; test: string; items: ConversationSummary[]; empty: string }) {
  const headingId = `inbox-${test}`;
  const unread = unreadById.value;
  const selected = selectedConversationId.value;
  const contexts = visitorContexts.value;
  const agentId = currentAgent.value?.id;
  return (
    <section class="conversation-list__section" data-test={test} aria-labelledby={headingId}>
      <h2 id={headingId} class="conversation-list__heading">
        {title}
        <span class="conversation-list__count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="conversation-list__empty">{empty}</p>
      ) : (
        <ul class="conversation-list__items">
          {items.map((summary) => (
            <ConversationItem
              key={summary.id}
              summary={summary}
              unread={unread[summary.id] ?? 0}
              selected={summary.id === selected}
              online={contexts[summary.visitorId]?.online}
              agentId={agentId}
              onSelect={openConversation}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
