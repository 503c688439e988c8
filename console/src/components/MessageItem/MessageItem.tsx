import type { Message } from '@causette/shared';
import { linkify } from '@causette/shared/linkify';
import { locale, t } from '../../i18n/i18n.js';
import { clockTime, fullDate } from '../../lib/format.js';
import type { OutgoingMessage } from '../../state/thread.js';
import { AttachmentView } from '../AttachmentView/AttachmentView.js';
import './MessageItem.css';

function Body({ text }: { text: string }) {
  return (
    <div class="message__body" data-test="body">
      {linkify(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </div>
  );
}

function Time({ at }: { at: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={fullDate(at, locale)}>
      {clockTime(at, locale)}
    </time>
  );
}

/** Visitor and bot on the left, agents on the right, events (and other system lines) centred, notes on yellow. */
export function MessageItem({
  message,
  visitorReadSeq,
  visitorDeliveredSeq = 0,
  agentId,
}: {
  message: Message;
  visitorReadSeq: number;
  /** The highest seq that reached one of the visitor's devices: sent → delivered → read. */
  visitorDeliveredSeq?: number;
  agentId: string | undefined;
}) {
  const { author, kind } = message;
  const isNote = kind === 'note';
  // A note stays a note whoever wrote it, so a system note still reads as internal.
  const centred = kind === 'event' || (author === 'system' && !isNote);
  const side = centred ? 'centre' : author === 'agent' ? 'right' : 'left';
  const showName = author === 'agent' ? message.authorId !== agentId : author === 'bot';
  const read = message.seq <= visitorReadSeq;
  const receipt = read ? 'read' : message.seq <= visitorDeliveredSeq ? 'delivered' : 'sent';
  return (
    <div
      class={`message message--${side} message--${author}${isNote ? ' message--note' : ''}${kind === 'event' ? ' message--event' : ''}`}
      data-test="message"
      data-author={author}
      data-seq={message.seq}
      data-kind={kind}
    >
      {isNote && <div class="message__label">{t('thread.note')}</div>}
      {showName && message.authorName && <bdi class="message__author">{message.authorName}</bdi>}
      {kind === 'event' ? (
        <div class="message__event">
          <span class="message__body" data-test="body">
            {message.body}
          </span>
          <Time at={message.createdAt} />
        </div>
      ) : message.attachment ? (
        <AttachmentView attachment={message.attachment} />
      ) : (
        <Body text={message.body} />
      )}
      {!centred && (
        <div class="message__meta">
          <Time at={message.createdAt} />
          {author === 'agent' && !isNote && (
            <span class={`message__tick is-${receipt}`} title={t(`thread.${receipt}`)} data-part="receipt" data-receipt={receipt}>
              <span aria-hidden="true">{receipt === 'sent' ? '✓' : '✓✓'}</span>
              <span class="visually-hidden">{t(`thread.${receipt}`)}</span>
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/** A send that waits for its ack: shown at once, confirmed in place when the server answers. */
export function OutgoingItem({ outgoing, onRetry }: { outgoing: OutgoingMessage; onRetry: (o: OutgoingMessage) => void }) {
  const failed = outgoing.status === 'failed';
  return (
    <div
      class={`message message--right message--agent message--pending${outgoing.kind === 'note' ? ' message--note' : ''}${failed ? ' is-failed' : ''}`}
      data-test="message"
      data-author="agent"
      data-kind={outgoing.kind}
      data-pending="true"
    >
      {outgoing.kind === 'note' && <div class="message__label">{t('thread.note')}</div>}
      {outgoing.attachment ? <AttachmentView attachment={outgoing.attachment} /> : <Body text={outgoing.body} />}
      <div class="message__meta">
        {failed ? (
          <>
            <span class="message__error">{outgoing.error ?? t('thread.failed')}</span>
            <button type="button" class="link-button" onClick={() => onRetry(outgoing)}>
              {t('thread.retry')}
            </button>
          </>
        ) : (
          <span>{t('thread.sending')}</span>
        )}
      </div>
    </div>
  );
}
