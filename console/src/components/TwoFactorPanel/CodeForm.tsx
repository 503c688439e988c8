import { useState } from 'preact/hooks';
import { ApiError } from '../../api/http.js';
import { t } from '../../i18n/i18n.js';

/**
 * A small form asking for a code from the app (and the password when `withPassword`), that runs `submit` and
 * shows its failure. Used to confirm the set-up, make new recovery codes and turn two-factor off.
 */
export function CodeForm(props: {
  id: string;
  label: string;
  submitLabel: string;
  withPassword?: boolean;
  danger?: boolean;
  submit: (code: string, password: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.submit(code.replace(/\s/g, ''), password);
    } catch (err) {
      const message = err instanceof ApiError ? err.message : String(err);
      setError(err instanceof ApiError && err.status === 400 && /code/i.test(message) ? t('account.codeWrong') : t('account.failed', { message }));
      setBusy(false);
      return;
    }
    setBusy(false);
    setCode('');
    setPassword('');
  };
  return (
    <form class="two-factor__form" onSubmit={(e) => void onSubmit(e)} aria-busy={busy} data-test={props.id}>
      {props.withPassword && (
        <label class="field">
          <span>{t('account.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
      )}
      <label class="field">
        <span>{props.label}</span>
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required
          value={code}
          aria-invalid={error !== null}
          aria-describedby={error ? `${props.id}-error` : undefined}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p id={`${props.id}-error`} class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="two-factor__actions">
        <button type="submit" class={`button ${props.danger ? 'button--danger' : 'button--primary'}`} disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="button button--ghost" onClick={props.onCancel}>
            {t('account.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
