import type { ConversationSummary } from '@causette/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { historyState, outbox, threads } from '../../state/messages.js';
import { retryMessage } from '../../state/realtime.js';
import { currentAgent } from '../../state/session.js';
import { threadItems } from '../../state/thread.js';
import { visitorDrafts, visitorTyping } from '../../state/typing.js';
import { MessageItem, OutgoingItem } from '../MessageItem/MessageItem.js';
import './Thread.css';

/** How close to the bottom counts as "following the conversation" for auto-scroll. */
const STICKY_PX = 80;

export function Thread({ conversation }: { conversation: ConversationSummary }) {
  const id = conversation.id;
  const items = threadItems(threads.value[id] ?? [], outbox.value[id] ?? []);
  const history = historyState.value[id];
  const typing = visitorTyping.value[id] ?? false;
  const draft = typing ? (visitorDrafts.value[id] ?? '') : '';
  const agentId = currentAgent.value?.id;
  const log = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const shownId = useRef<string | null>(null);

  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    const switched = shownId.current !== id;
    shownId.current = id;
    const last = items[items.length - 1];
    // Stay at the bottom while following, on a chat switch, and after the agent's own send.
    if (switched || following.current || last?.type === 'outgoing') element.scrollTop = element.scrollHeight;
  }, [id, items.length, typing, draft !== '']);

  return (
    <div class="thread-wrap">
      <div
        ref={log}
        class="thread"
        role="log"
        aria-live="polite"
        aria-label={t('thread.label', { name: conversation.visitorName })}
        data-test="thread"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICKY_PX;
        }}
      >
        {items.length === 0 && (
          <p class="thread__status">{history === 'loading' ? t('conversation.loading') : t('conversation.empty')}</p>
        )}
        {items.map((item) =>
          item.type === 'message' ? (
            <MessageItem
              key={item.message.clientId}
              message={item.message}
              visitorReadSeq={conversation.visitorReadSeq}
              visitorDeliveredSeq={conversation.visitorDeliveredSeq}
              agentId={agentId}
            />
          ) : (
            <OutgoingItem key={item.outgoing.clientId} outgoing={item.outgoing} onRetry={retryMessage} />
          ),
        )}
      </div>
      {/* Outside the live region: a screen reader must not read out every keystroke of the visitor. */}
      {draft && (
        <p class="thread__preview" data-part="typing-preview" title={t('thread.typingPreviewLabel')}>
          <span class="thread__preview-label">{t('thread.typingPreview')}</span> {draft}
        </p>
      )}
      <div class="thread__typing" aria-live="polite">
        {typing && (
          <span data-test="typing">
            <span class="typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('thread.typing')}
          </span>
        )}
      </div>
    </div>
  );
}
