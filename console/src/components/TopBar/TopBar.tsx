import { t } from '../../i18n/i18n.js';
import { notificationPermission, requestNotificationPermission, soundEnabled, toggleSound } from '../../state/notifications.js';
import { currentAgent, signOut } from '../../state/session.js';
import './TopBar.css';

export function TopBar() {
  const agent = currentAgent.value;
  const permission = notificationPermission.value;
  return (
    <header class="topbar">
      <div class="topbar__brand">
        <span class="topbar__logo" aria-hidden="true">
          C
        </span>
        {t('app.name')}
      </div>
      <div class="topbar__actions">
        {permission === 'default' && (
          <button type="button" class="button button--ghost" onClick={() => void requestNotificationPermission()}>
            {t('topbar.enableNotifications')}
          </button>
        )}
        {permission === 'denied' && <span class="topbar__hint">{t('topbar.notificationsBlocked')}</span>}
        <button
          type="button"
          class="button button--ghost"
          aria-pressed={soundEnabled.value}
          onClick={toggleSound}
          title={soundEnabled.value ? t('topbar.soundOn') : t('topbar.soundOff')}
        >
          <span aria-hidden="true">{soundEnabled.value ? '🔔' : '🔕'}</span>
          <span class="visually-hidden">{soundEnabled.value ? t('topbar.soundOn') : t('topbar.soundOff')}</span>
        </button>
        {agent && (
          <span class="topbar__agent" title={t('topbar.signedInAs', { name: agent.name })}>
            <span class="avatar avatar--small" aria-hidden="true">
              {initial(agent.name)}
            </span>
            <span class="topbar__agent-name">{agent.name}</span>
          </span>
        )}
        <button type="button" class="button button--ghost" onClick={() => void signOut()}>
          {t('topbar.logout')}
        </button>
      </div>
    </header>
  );
}

export function initial(name: string): string {
  return (name.trim()[0] ?? '?').toUpperCase();
}
