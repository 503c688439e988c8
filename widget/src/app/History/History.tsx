import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { isolated } from '@causette/shared/bidi';
import type { VisitorConversationItem } from '@causette/shared';
import { formatNumber, lang, t } from '../../i18n';
import '../../i18n/features';
import { conversation } from '../../state/conversation';
import { hideHistory, historyError, historyList, openPast, pastOpen } from '../../state/history';
import { requestFocus } from '../../state/panel';
import { ask } from '../../transport/socket';
import { MessageItem } from '../MessageItem/MessageItem';

const when = (at: number) => new Date(at).toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' });

/** One row: when, with whom, the last line, the rating. */
function Row({ item }: { item: VisitorConversationItem }) {
  // The chat under way is the panel itself; a closed one opens read-only like any other.
  const c = conversation.peek();
  const current = c?.id === item.id && c.status !== 'resolved';
  return (
    <li class="hr" data-part="history-item" data-id={item.id}>
      <button type="button" onClick={() => (current ? (requestFocus(), hideHistory()) : void openPast(item, (p) => ask('message:sync', p)))}>
        <b>
          <time dateTime={new Date(item.createdAt).toISOString()}>{when(item.createdAt)}</time>
          {item.agent && ' · ' + t('withAgent', isolated(item.agent.name))}
          {item.status !== 'resolved' && ' · ' + t('openNow')}
        </b>
        {item.lastMessage && <span data-part="history-last">{item.lastMessage.body}</span>}
        {item.rating && <span data-part="history-rating">{t('ratedShort', formatNumber(item.rating.score))}</span>}
      </button>
    </li>
  );
}

/** The visitor's conversations on this site, and one of them read-only; the chat comes back with "Back". */
export const History = reactive(function History() {
  const list = historyList.value;
  const past = pastOpen.value;
  const error = historyError.value;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [!!past]);
  return (
    <div class="hs" data-part="history">
      <div class="ac">
        <button type="button" data-part="history-back" onClick={() => (past ? (pastOpen.value = null) : hideHistory(true))}>
          {t(past ? 'backToList' : 'back')}
        </button>
      </div>
      <h2 tabIndex={-1} ref={heading}>
        {past ? when(past.item.createdAt) : t('past')}
      </h2>
      {error && (
        <p role="alert" class="er">
          {error}
        </p>
      )}
      {past ? (
        <ol data-part="history-messages" aria-busy={!past.messages}>
          {(past.messages ?? []).map((m) => (
            <MessageItem key={m.clientId} message={m} agentReadSeq={0} />
          ))}
        </ol>
      ) : (
        list && (list.length ? (
          <ul data-part="history-list">
            {list.map((item) => (
              <Row key={item.id} item={item} />
            ))}
          </ul>
        ) : (
          <p data-part="history-empty">{t('pastNone')}</p>
        ))
      )}
    </div>
  );
});
