import type { AuthSessionView } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { listSessions, revokeOtherSessions, revokeSession } from '../../api/account.js';
import { ApiError } from '../../api/http.js';
import { locale, t } from '../../i18n/i18n.js';
import { fullDate } from '../../lib/format.js';
import './SessionsList.css';

/** Where the agent is signed in; any other sign-in can be ended from here, its consoles closing at once. */
export function SessionsList() {
  const [items, setItems] = useState<AuthSessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fail = (err: unknown) => setError(t('account.failed', { message: err instanceof ApiError ? err.message : String(err) }));
  const refresh = () =>
    listSessions().then(({ items: next }) => {
      setItems(next);
      setError(null);
    }, fail);
  useEffect(() => void refresh(), []);

  const revoke = async (id: string) => {
    setNotice(null);
    try {
      await revokeSession(id);
      await refresh();
    } catch (err) {
      fail(err);
    }
  };
  const revokeOthers = async () => {
    try {
      const { ended } = await revokeOtherSessions();
      setNotice(t('account.revokedOthers', { count: ended }));
      await refresh();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section class="settings-form__group sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {items === null ? (
        <p class="hint" role="status">
          {t('account.sessionsLoading')}
        </p>
      ) : (
        <ul class="sessions__list" data-test="sessions">
          {items.map((s) => {
            const device = t('account.sessionDevice', { browser: s.browser, os: s.os });
            return (
              <li key={s.id} class="sessions__item" data-test="session" data-current={s.current ? 'true' : undefined}>
                <div>
                  <strong>{device}</strong> {s.current && <span class="sessions__badge">{t('account.thisDevice')}</span>}
                  <div class="hint">
                    {t('account.sessionMeta', { ip: s.ip, createdAt: fullDate(s.createdAt, locale), lastSeenAt: fullDate(s.lastSeenAt, locale) })}
                  </div>
                </div>
                {!s.current && (
                  <button type="button" class="button" aria-label={t('account.revokeLabel', { device })} onClick={() => void revoke(s.id)} data-test="revoke-session">
                    {t('account.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items && items.length > 1 && (
        <div>
          <button type="button" class="button" onClick={() => void revokeOthers()} data-test="revoke-others">
            {t('account.revokeOthers')}
          </button>
        </div>
      )}
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
