import { SessionsList } from '../../components/SessionsList/SessionsList.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { TwoFactorPanel } from '../../components/TwoFactorPanel/TwoFactorPanel.js';
import { t } from '../../i18n/i18n.js';
import { navigate } from '../../state/router.js';
import { authState, enrolmentDone, signOut } from '../../state/session.js';
import '../Settings/Settings.css';

/**
 * Every agent's own security: two-factor sign-in and their sign-ins. When the admin requires two-factor and the
 * agent has none, this is the whole console (no navigation) until it is set up.
 */
export function Account() {
  const enrolOnly = authState.value === 'enrol';
  return (
    <div class="shell">
      {enrolOnly ? (
        <header class="topbar">
          <div class="topbar__brand">{t('app.name')}</div>
          <div class="topbar__actions">
            <button type="button" class="button button--ghost" onClick={() => void signOut()}>
              {t('topbar.logout')}
            </button>
          </div>
        </header>
      ) : (
        <TopBar />
      )}
      <main class="settings-page">
        <header class="settings-page__head">
          <div>
            <h1>{t('account.title')}</h1>
            <p class="hint">{t('account.subtitle')}</p>
          </div>
        </header>
        {enrolOnly && (
          <p class="form-error" role="alert" data-test="enrol-required">
            {t('account.enrolRequired')}
          </p>
        )}
        <div class="settings-form">
          <TwoFactorPanel
            onEnabled={() => {
              if (!enrolOnly) return;
              enrolmentDone();
              navigate({ name: 'inbox' }, { replace: true });
            }}
          />
          {!enrolOnly && <SessionsList />}
        </div>
      </main>
    </div>
  );
}
