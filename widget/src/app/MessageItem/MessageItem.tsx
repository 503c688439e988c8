import { formatTime, t } from '../../i18n';
import type { ChatMessage } from '../../state/messages';
import '../../i18n/features';
import { Linked } from '../Linked/Linked';
import { AttachmentView } from '../AttachmentView/AttachmentView';
import { Avatar, messageFace } from '../Header/Avatar';

const TICKS = { pending: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

/** The body is text: Preact sets it as a text node, so a message can never inject markup. */
export function MessageItem({ message: m, agentReadSeq, agentDeliveredSeq = 0 }: { message: ChatMessage; agentReadSeq: number; agentDeliveredSeq?: number }) {
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
            {/* The word too, not only the ticks: read and delivered look alike otherwise. */}
            <span class="stw" aria-hidden="true">{t(state)}</span>
          </span>
        )}
      </small>
    </li>
  );
}
