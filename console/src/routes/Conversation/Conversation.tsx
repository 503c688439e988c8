import type { ConversationSummary } from '@causette/shared';
import { useState } from 'preact/hooks';
import { Composer } from '../../components/Composer/Composer.js';
import { Thread } from '../../components/Thread/Thread.js';
import { RatingBadge } from '../../components/RatingBadge/RatingBadge.js';
import { TransferDialog } from '../../components/TransferDialog/TransferDialog.js';
import { t } from '../../i18n/i18n.js';
import { connection } from '../../state/connection.js';
import { actionErrors, pendingActions } from '../../state/conversations.js';
import { isMine, isOpen, isPending, isQueued } from '../../state/inbox.js';
import { closeConversation, takeConversation } from '../../state/realtime.js';
import { canSupervise, currentAgent } from '../../state/session.js';
import { takeOver, takeoverErrors, takeoverPending } from '../../state/supervisor.js';
import './Conversation.css';

function statusLabel(conversation: ConversationSummary, agentId: string | undefined): string {
  if (!isOpen(conversation)) return t('conversation.closed');
  if (isPending(conversation)) return t('conversation.pending');
  if (isQueued(conversation)) return t('conversation.queued');
  if (isMine(conversation, agentId)) return t('conversation.assignedToYou');
  return t('conversation.assignedTo', { name: conversation.assigneeName ?? '?' });
}

export function Conversation({ conversation }: { conversation: ConversationSummary }) {
  const agentId = currentAgent.value?.id;
  const id = conversation.id;
  const error = actionErrors.value[id] ?? takeoverErrors.value[id];
  // A supervisor watching someone else's chat can step in from here too.
  const canTakeOver = canSupervise.value && conversation.status === 'open' && conversation.assigneeId !== null && !isMine(conversation, agentId);
  const pending = pendingActions.value[id];
  const open = isOpen(conversation);
  const offline = connection.value !== 'online';
  const [transferring, setTransferring] = useState(false);
  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation__header">
        <div class="conversation__who">
          <h1 id="conversation-title">
            <bdi>{conversation.visitorName}</bdi>
          </h1>
          <span class={`chip${open ? '' : ' chip--muted'}`}>{statusLabel(conversation, agentId)}</span>
          {conversation.rating && <RatingBadge score={conversation.rating.score} compact />}
          {conversation.teamName && (
            <span class="chip chip--muted" data-part="team">
              {t('inbox.teamLabel', { name: conversation.teamName })}
            </span>
          )}
        </div>
        <div class="conversation__actions">
          {isQueued(conversation) && (
            <button
              type="button"
              class="button button--primary"
              data-test="take"
              disabled={offline || pending === 'take'}
              onClick={() => void takeConversation(id)}
            >
              {pending === 'take' ? t('conversation.taking') : t('conversation.take')}
            </button>
          )}
          {canTakeOver && (
            <button
              type="button"
              class="button button--primary"
              data-action="takeover"
              disabled={offline || takeoverPending.value !== null}
              onClick={() => void takeOver(id)}
            >
              {takeoverPending.value === id ? t('supervisor.takingOver') : t('supervisor.takeover')}
            </button>
          )}
          {open && (
            <button
              type="button"
              class="button"
              data-test="transfer"
              aria-haspopup="dialog"
              disabled={offline}
              onClick={() => setTransferring(true)}
            >
              {t('transfer.button')}
            </button>
          )}
          {open && (
            <button
              type="button"
              class="button"
              data-test="close"
              disabled={offline || pending === 'close'}
              onClick={() => void closeConversation(id)}
            >
              {t('conversation.close')}
            </button>
          )}
        </div>
      </header>
      {error && (
        <p class="conversation__error" role="alert" data-test="action-error">
          {error}
        </p>
      )}
      {isPending(conversation) && (
        <p class="conversation__pending" data-part="pending-hint">
          {conversation.visitorEmail ? <PendingHint email={conversation.visitorEmail} /> : t('conversation.pendingHintNoEmail')}
        </p>
      )}
      <Thread conversation={conversation} />
      {open ? <Composer conversation={conversation} /> : <p class="conversation__closed">{t('conversation.closed')}</p>}
      {transferring && open && <TransferDialog conversation={conversation} onClose={() => setTransferring(false)} />}
    </section>
  );
}

/** The sentence with the address as a mailto link, wherever the language puts it. */
function PendingHint({ email }: { email: string }) {
  const [before, after] = t('conversation.pendingHint', { email: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <a href={`mailto:${email}`} data-part="email">
        {email}
      </a>
      {after}
    </>
  );
}

/** Nothing selected, a chat this agent cannot see, or one erased at the visitor's request while on screen. */
export function NoConversation({ missing, erased = false }: { missing: boolean; erased?: boolean }) {
  return (
    <div class="conversation conversation--empty">
      <div class="conversation__placeholder">
        {erased ? (
          <h1 data-part="erased" role="status">
            {t('conversation.erased')}
          </h1>
        ) : (
          <h1>{missing ? t('conversation.notFound') : t('conversation.none')}</h1>
        )}
        {!missing && !erased && <p>{t('conversation.noneHint')}</p>}
      </div>
    </div>
  );
}
