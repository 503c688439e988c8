import type { ConversationSummary } from '@causette/shared';
import { locale, t } from '../../i18n/i18n.js';
import { now, relativeTime } from '../../lib/format.js';
import { pathOf } from '../../state/router.js';
import { RatingBadge } from '../RatingBadge/RatingBadge.js';
import { initial } from '../TopBar/TopBar.js';
import './ConversationItem.css';

interface Props {
  summary: ConversationSummary;
  unread: number;
  selected: boolean;
  online: boolean | undefined;
  agentId: string | undefined;
  /** Left messages: the address to answer by email matters more than presence. */
  showEmail?: boolean | undefined;
  onSelect: (id: string) => void;
}

export function previewOf(summary: ConversationSummary, agentId: string | undefined): string {
  const last = summary.lastMessage;
  if (!last) return t('inbox.noMessages');
  if (last.kind === 'note') return t('inbox.notePrefix') + last.body;
  if (last.author === 'agent') return (last.authorId === agentId ? t('inbox.youPrefix') : `${last.authorName ?? ''}: `) + last.body;
  return last.body;
}

export function ConversationItem({ summary, unread, selected, online, agentId, showEmail, onSelect }: Props) {
  const at = summary.lastMessage?.createdAt ?? summary.updatedAt;
  return (
    <li>
      <a
        href={pathOf({ name: 'conversation', id: summary.id })}
        class={`conversation-item${selected ? ' is-selected' : ''}${unread > 0 ? ' has-unread' : ''}`}
        data-test="conversation-item"
        data-id={summary.id}
        data-visitor-id={summary.visitorId}
        aria-current={selected ? 'page' : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onSelect(summary.id);
        }}
      >
        <span class="avatar" aria-hidden="true">
          {initial(summary.visitorName)}
          {online !== undefined && <span class={`presence${online ? ' is-online' : ''}`} />}
        </span>
        <span class="conversation-item__main">
          <span class="conversation-item__top">
            <bdi class="conversation-item__name">{summary.visitorName}</bdi>
            {summary.teamName && (
              <span class="chip chip--muted conversation-item__team" data-part="team" title={t('inbox.teamLabel', { name: summary.teamName })}>
                <bdi>{summary.teamName}</bdi>
              </span>
            )}
            {summary.rating && <RatingBadge score={summary.rating.score} compact />}
            <time class="conversation-item__time" dateTime={new Date(at).toISOString()}>
              {relativeTime(at, now.value, locale, t('time.now'))}
            </time>
          </span>
          {showEmail && (
            <span class={`conversation-item__email${summary.visitorEmail ? '' : ' is-missing'}`} data-part="email">
              {summary.visitorEmail ? <bdi>{summary.visitorEmail}</bdi> : t('inbox.noEmail')}
            </span>
          )}
          <span class="conversation-item__bottom">
            <span class="conversation-item__preview">{previewOf(summary, agentId)}</span>
            {unread > 0 && (
              <span class="badge" data-test="unread" aria-label={t('inbox.unread', { count: unread })}>
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}
