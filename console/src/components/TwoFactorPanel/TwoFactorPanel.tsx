import type { TwoFactorEnrolment, TwoFactorStatus } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, startEnrolment, twoFactorStatus } from '../../api/account.js';
import { ApiError } from '../../api/http.js';
import { t } from '../../i18n/i18n.js';
import { CodeForm } from './CodeForm.js';
import { RecoveryCodes } from './RecoveryCodes.js';
import './TwoFactorPanel.css';

/**
 * Two-factor sign-in for the signed-in agent: set it up (QR code and key, confirmed with a first code), see the
 * recovery codes once, make new ones, turn it off. `onEnabled` runs once the codes are saved after a set-up.
 */
export function TwoFactorPanel({ onEnabled }: { onEnabled?: () => void }) {
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    twoFactorStatus().then(setStatus, (err: unknown) => setError(t('account.failed', { message: err instanceof ApiError ? err.message : String(err) })));
  useEffect(() => void refresh(), []);

  const begin = async () => {
    setError(null);
    try {
      setEnrolment(await startEnrolment());
    } catch (err) {
      setError(t('account.failed', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  };
  const codesSaved = () => {
    const justEnrolled = enrolment !== null;
    setCodes(null);
    setEnrolment(null);
    void refresh();
    if (justEnrolled) onEnabled?.();
  };

  return (
    <section class="settings-form__group two-factor" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('account.twoFactor')}</h2>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={codesSaved} />
      ) : enrolment ? (
        <div class="two-factor__enrol">
          <p>{t('account.scan')}</p>
          <img class="two-factor__qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('account.qrAlt')} width={200} height={200} />
          <p class="two-factor__key">
            <span id="totp-key-label">{t('account.key')}</span>{' '}
            <code aria-labelledby="totp-key-label" data-test="totp-key">
              {enrolment.key.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
          <CodeForm
            id="enrol-confirm"
            label={t('account.confirmCode')}
            submitLabel={t('account.confirm')}
            submit={async (code) => setCodes((await confirmEnrolment(code)).recoveryCodes)}
            onCancel={() => setEnrolment(null)}
          />
        </div>
      ) : status === null ? null : status.enabled ? (
        <>
          <p data-test="two-factor-on">{t('account.twoFactorOn')}</p>
          <p class="hint">{t('account.recoveryLeft', { count: status.recoveryCodesLeft })}</p>
          <h3>{t('account.regenerate')}</h3>
          <p class="hint">{t('account.regenerateHint')}</p>
          <CodeForm id="regenerate" label={t('account.confirmCode')} submitLabel={t('account.regenerate')} submit={async (code) => setCodes((await regenerateRecoveryCodes(code)).recoveryCodes)} />
          <h3>{t('account.disable')}</h3>
          {status.required ? (
            <p class="hint">{t('account.disableRequired')}</p>
          ) : (
            <CodeForm
              id="disable"
              label={t('account.confirmCode')}
              submitLabel={t('account.disable')}
              withPassword
              danger
              submit={async (code, password) => {
                await disableTwoFactor(password, code);
                await refresh();
              }}
            />
          )}
        </>
      ) : (
        <>
          <p data-test="two-factor-off">{t('account.twoFactorOff')}</p>
          <div>
            <button type="button" class="button button--primary" onClick={() => void begin()} data-test="enable-two-factor">
              {t('account.enable')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
