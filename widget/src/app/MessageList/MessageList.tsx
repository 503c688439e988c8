import { reactive } from '../reactive';
import type { VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { conversation } from '../../state/conversation';
import { messages } from '../../state/messages';
import { site } from '../../state/session';
import { teaser, teaserOpened } from '../../state/teaser';
import { MessageItem } from '../MessageItem/MessageItem';

export const MessageList = reactive(function MessageList() {
  const current = conversation.value;
  // Stored messages of the current conversation (a closed one put away leaves only what is unsent).
  const list = messages.value.filter((m) => m.seq == null || m.conversationId === current?.id);
  const greeting = site.value!.settings.greeting;
  // An opened teaser starts the thread, on the agent's side and without a seq: the server holds no such message.
  const lead = teaserOpened.value && teaser.value;
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = ref.current!;
    el.scrollTop = el.scrollHeight;
  }, [list]);

  const latestMine = list.filter((m) => m.author === 'visitor').pop();
  const items: VNode[] = list.map((m) => (
    <MessageItem key={m.clientId} message={m} agentReadSeq={current?.agentReadSeq || 0} agentDeliveredSeq={current?.agentDeliveredSeq || 0} word={m === latestMine} />
  ));
  // After the last stored message of a resolved chat; what the visitor writes next opens a new one.
  if (current?.status === 'resolved')
    items.splice(
      list.filter((m) => m.seq != null).length,
      0,
      <li key="ended" class="s" data-part="ended">
        {t('ended')}
      </li>,
    );

  return (
    <ol ref={ref} data-part="messages" aria-live="polite">
      {lead && (
        <MessageItem
          message={{ clientId: lead.impressionId, author: 'agent', body: lead.text, createdAt: lead.at }}
          agentReadSeq={0}
        />
      )}
      {!list.length && !lead && greeting && (
        <li data-part="greeting">
          <p>{greeting}</p>
        </li>
      )}
      {items}
    </ol>
  );
});
