import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/i18n.js';
import { notificationPermission, requestNotificationPermission, soundEnabled, toggleSound } from '../../state/notifications.js';
import { isTriggerRoute, onLinkClick, pathOf, route, type Route } from '../../state/router.js';
import { AssignedBadge } from '../AssignedBadge/AssignedBadge.js';
import { can, canSupervise, currentAgent, signOut } from '../../state/session.js';
import { AutoAwayBanner, StatusControl } from '../StatusControl/StatusControl.js';
import './TopBar.css';

export function TopBar() {
  const agent = currentAgent.value;
  const permission = notificationPermission.value;
  return (
    <>
      <header class="topbar">
        <div class="topbar__brand">
          <span class="topbar__logo" aria-hidden="true">
            C
          </span>
          {t('app.name')}
        </div>
        {agent && can('conversations.read') && <NavTabs />}
        <div class="topbar__actions">
          <StatusControl />
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
            <BellIcon muted={!soundEnabled.value} />
            <span class="visually-hidden">{soundEnabled.value ? t('topbar.soundOn') : t('topbar.soundOff')}</span>
          </button>
          {agent && (
            <a
              href={pathOf({ name: 'account' })}
              class="topbar__agent"
              title={t('topbar.signedInAs', { name: agent.name })}
              aria-current={route.value.name === 'account' ? 'page' : undefined}
              onClick={onLinkClick({ name: 'account' })}
              data-test="nav-account"
            >
              <span class="avatar avatar--small" aria-hidden="true">
                {initial(agent.name)}
              </span>
              <bdi class="topbar__agent-name">{agent.name}</bdi>
              <span class="visually-hidden">{t('nav.account')}</span>
            </a>
          )}
          <button type="button" class="button button--ghost" onClick={() => void signOut()}>
            {t('topbar.logout')}
          </button>
        </div>
      </header>
      <AutoAwayBanner />
    </>
  );
}

/**
 * Inbox | Visitors | Triggers (| Supervisor and Reports for supervisors and admins, | Settings and Audit log for admins); a marketer only has
 * triggers. The Inbox tab carries the count of chats newly assigned to the agent.
 */
function NavTabs() {
  const onTriggers = isTriggerRoute(route.value);
  const onVisitors = route.value.name === 'visitors';
  const onSettings = route.value.name === 'settings';
  const onSupervisor = route.value.name === 'supervisor';
  const onReports = route.value.name === 'reports';
  const onAudit = route.value.name === 'audit';
  const tab = (target: Route, label: string, current: boolean, extra?: ComponentChildren) => (
    <a href={pathOf(target)} class={`topbar__tab${current ? ' is-current' : ''}`} aria-current={current ? 'page' : undefined} onClick={onLinkClick(target)} data-test={`nav-${target.name}`}>
      {label}
      {extra}
    </a>
  );
  return (
    <nav class="topbar__nav" aria-label={t('nav.label')}>
      {tab({ name: 'inbox' }, t('nav.inbox'), !onTriggers && !onVisitors && !onSettings && !onSupervisor && !onReports && !onAudit && route.value.name !== 'account', <AssignedBadge />)}
      {tab({ name: 'visitors' }, t('nav.visitors'), onVisitors)}
      {tab({ name: 'triggers' }, t('nav.triggers'), onTriggers)}
      {canSupervise.value && tab({ name: 'supervisor' }, t('nav.supervisor'), onSupervisor)}
      {can('reports.read') && tab({ name: 'reports' }, t('nav.reports'), onReports)}
      {can('settings.manage') && tab({ name: 'settings' }, t('nav.settings'), onSettings)}
      {can('audit.read') && tab({ name: 'audit' }, t('nav.audit'), onAudit)}
    </nav>
  );
}

export function initial(name: string): string {
  return (name.trim()[0] ?? '?').toUpperCase();
}

function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      {muted && <path d="M3 3l18 18" />}
    </svg>
  );
}
