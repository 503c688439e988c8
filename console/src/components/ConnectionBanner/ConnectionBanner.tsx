import { t } from '../../i18n/i18n.js';
import { connection } from '../../state/connection.js';
import './ConnectionBanner.css';

/** Present only while the socket is down, so the agent knows new messages may be late. */
export function ConnectionBanner() {
  const state = connection.value;
  if (state === 'online') return null;
  return (
    <div class={`connection connection--${state}`} role="status" data-test="connection">
      <span class="connection__spinner" aria-hidden="true" />
      {state === 'offline' ? t('connection.offline') : t('connection.connecting')}
    </div>
  );
}
