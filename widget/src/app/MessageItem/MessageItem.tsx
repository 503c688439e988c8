import { formatTime, t } from '../../i18n';
import type { ChatMessage } from '../../state/messages';
import { Avatar, messageFace } from '../Header/Avatar';

const TICKS = { pending: '◷', sent: '✓', read: '✓✓', failed: '!' };

/** The body is text: Preact sets it as a text node, so a message can never inject markup. */
export function MessageItem({ message: m, agentReadSeq }: { message: ChatMessage; agentReadSeq: number }) {
  const mine = m.author === 'visitor';
  const face = messageFace(m);
  const state = m.failed ? 'failed' : m.seq == null ? 'pending' : agentReadSeq >= m.seq ? 'read' : 'sent';
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
      <p data-part="body">{m.body}</p>
      <small>
        <time dateTime={new Date(m.createdAt).toISOString()}>{formatTime(m.createdAt)}</time>
        {mine && (
          <span role="img" title={t(state)} aria-label={t(state)}>
            {' ' + TICKS[state]}
          </span>
        )}
      </small>
    </li>
  );
}
