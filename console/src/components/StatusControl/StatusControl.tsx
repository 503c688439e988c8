import { t } from '../../i18n/i18n.js';
import { IDLE_AWAY_MS, autoAway, chooseStatus, holdsChats, myStatus, statusError, type AgentStatusChoice } from '../../state/agent-status.js';
import './StatusControl.css';

/** Online or away, for agents who hold chats; away takes no new chats from automatic routing. */
export function StatusControl() {
  if (!holdsChats.value) return null;
  const status = myStatus.value;
  return (
    <>
      <label class={`status-control status-control--${status}`} title={t('status.label')}>
        <span class="dot" aria-hidden="true" />
        <span class="visually-hidden">{t('status.label')}</span>
        <select
          data-test="agent-status"
          value={status}
          aria-invalid={statusError.value ? true : undefined}
          onChange={(e) => void chooseStatus(e.currentTarget.value as AgentStatusChoice)}
        >
          <option value="online">{t('status.online')}</option>
          <option value="away">{t('status.away')}</option>
        </select>
      </label>
      {statusError.value && (
        <span class="status-control__error" role="alert">
          {statusError.value}
        </span>
      )}
    </>
  );
}

/** Shown after the console set the agent away for inactivity; coming back is the agent's decision, not a keystroke's. */
export function AutoAwayBanner() {
  if (!holdsChats.value || !autoAway.value || myStatus.value !== 'away') return null;
  return (
    <div class="auto-away" role="status" data-test="auto-away">
      <span>{t('status.autoAway', { minutes: IDLE_AWAY_MS / 60_000 })}</span>
      <button type="button" class="button" data-test="back-online" onClick={() => void chooseStatus('online')}>
        {t('status.backOnline')}
      </button>
    </div>
  );
}
