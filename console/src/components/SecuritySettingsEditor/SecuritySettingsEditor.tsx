import { useEffect, useState } from 'preact/hooks';
import { getSecuritySettings, saveSecuritySettings } from '../../api/account.js';
import { ApiError } from '../../api/http.js';
import { t } from '../../i18n/i18n.js';

const MAX_MINUTES = 43_200;

/** Empty is "never"; otherwise whole minutes in range, or undefined when invalid. */
export function parseIdleMinutes(value: string): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isInteger(n) && n >= 1 && n <= MAX_MINUTES ? n : undefined;
}

/** The admin's rules for every account: require two-factor sign-in, sign out after a time without use. */
export function SecuritySettingsEditor() {
  const [requireTwoFactor, setRequire] = useState(false);
  const [idle, setIdle] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getSecuritySettings().then(
      (s) => {
        setRequire(s.requireTwoFactor);
        setIdle(s.idleTimeoutMinutes === null ? '' : String(s.idleTimeoutMinutes));
        setLoaded(true);
      },
      (err: unknown) => setError(t('settings.failed', { message: err instanceof ApiError ? err.message : String(err) })),
    );
  }, []);
  const idleMinutes = parseIdleMinutes(idle);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (idleMinutes === undefined) {
      setError(t('security.idleInvalid'));
      return;
    }
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      await saveSecuritySettings({ requireTwoFactor, idleTimeoutMinutes: idleMinutes });
      setSaved(true);
    } catch (err) {
      setError(t('settings.failed', { message: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="settings-form" onSubmit={(e) => void onSubmit(e)} aria-busy={saving} noValidate data-test="security-settings">
      <fieldset class="settings-form__group" disabled={!loaded}>
        <legend>{t('security.title')}</legend>
        <label class="check">
          <input
            type="checkbox"
            name="requireTwoFactor"
            checked={requireTwoFactor}
            aria-describedby="require-two-factor-hint"
            onChange={(e) => {
              setRequire(e.currentTarget.checked);
              setSaved(false);
            }}
          />
          {t('security.requireTwoFactor')}
        </label>
        <p id="require-two-factor-hint" class="hint settings-form__explain">
          {t('security.requireTwoFactorHint')}
        </p>
        <label class="field">
          {t('security.idleTimeout')}
          <input
            type="number"
            name="idleTimeoutMinutes"
            min={1}
            max={MAX_MINUTES}
            step={1}
            value={idle}
            aria-invalid={idleMinutes === undefined}
            aria-describedby="idle-timeout-hint"
            onInput={(e) => {
              setIdle(e.currentTarget.value);
              setSaved(false);
            }}
          />
          <span id="idle-timeout-hint" class="field-hint">
            {t('security.idleTimeoutHint')}
          </span>
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="settings-form__actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            {saving ? t('settings.saving') : t('settings.save')}
          </button>
          {saved && <span role="status">{t('settings.saved')}</span>}
        </div>
      </fieldset>
    </form>
  );
}
