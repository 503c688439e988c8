import { t } from '../../i18n/i18n.js';
import { assignedBadgeCount } from '../../state/assigned.js';
import './AssignedBadge.css';

/** Chats someone else gave this agent that they have not opened yet. */
export function AssignedBadge() {
  const count = assignedBadgeCount.value;
  if (count === 0) return null;
  return (
    <span class="badge badge--assigned" data-part="assigned-badge" aria-label={t('inbox.assignedBadge', { count })} title={t('inbox.assignedBadge', { count })}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
