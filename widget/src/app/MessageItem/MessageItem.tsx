import { formatTime, t } from '../../i18n';
import type { ChatMessage } from '../../state/messages';
import '../../i18n/features';
import { Linked } from '../Linked/Linked';
import { AttachmentView } from '../AttachmentView/AttachmentView';
import { Avatar, messageFace } from '../Header/Avatar';

const TICKS = { pending: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

/** The body is text: Preact sets it as a text node, so a message can never inject markup. */
/**
 * `word`: the status in words next to the ticks (the visitor's latest message; a message not sent or still on its
 * way always says so). Every status is in the ticks' accessible name anyway.
 */
export function MessageItem({ message: m, agentReadSeq, agentDeliveredSeq = 0, word = true }: { message: ChatMessage; agentReadSeq: number; agentDeliveredSeq?: number; word?: boolean }) {
  const mine = m.author === 'visitor';
  const face = messageFace(m);
  const state = m.failed ? 'failed' : m.seq == null ? 'pending' : agentReadSeq >= m.seq ? 'read' : agentDeliveredSeq >= m.seq ? 'delivered' : 'sent';
  return (
    <li
      class={mine ? 'v' : m.author === 'system' ? 's' : face ? 'm' : ''}
      data-part="message"
      data-author={m.author}
      data-seq={m.seq}
      data-client-id={m.clientId}
      data-state={mine ? state : undefined}
    >
      {face && <Avatar name={face.name} url={face.url} named />}
      {m.attachment ? (
        <AttachmentView a={m.attachment} />
      ) : (
        <p data-part="body">
          <Linked text={m.body} />
        </p>
      )}
      <small>
        <time dateTime={new Date(m.createdAt).toISOString()}>{formatTime(m.createdAt)}</time>
        {mine && (
          <span role="img" title={t(state)} aria-label={t(state)} data-part="status">
            {' ' + TICKS[state]}
            {/* The word too, not only the ticks: read and delivered look alike otherwise (on the latest only: less noise). */}
            {(word || state === 'failed' || state === 'pending') && (
              <span class="stw" aria-hidden="true">
                {t(state)}
              </span>
            )}
          </span>
        )}
      </small>
    </li>
  );
}
