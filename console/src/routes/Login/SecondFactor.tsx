import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { cancelSecondFactor, loginError, loginPending, submitSecondFactor } from '../../state/session.js';

/** The second step of a two-factor sign-in: six digits from the app, or one of the recovery codes. */
export function SecondFactor() {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // The browser honours `autofocus` once per page: the field that appears after the password gets focus here.
  useEffect(() => input.current?.focus(), [useRecovery]);
  const pending = loginPending.value;
  const error = loginError.value;
  const switchMode = () => {
    setUseRecovery(!useRecovery);
    setValue('');
  };
  return (
    <form
      class="login__card"
      aria-labelledby="second-factor-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submitSecondFactor(useRecovery ? { recoveryCode: value.trim() } : { code: value.replace(/\s/g, '') });
      }}
    >
      <div class="login__logo" aria-hidden="true">
        C
      </div>
      <h1 id="second-factor-title">{t('login.secondFactorTitle')}</h1>
      <p class="login__subtitle">{useRecovery ? t('login.recoveryHint') : t('login.codeHint')}</p>
      {error && (
        <p class="login__error" role="alert" data-test="login-error">
          {error}
        </p>
      )}
      {useRecovery ? (
        <label class="field" key="recovery">
          <span>{t('login.recoveryCode')}</span>
          <input name="recoveryCode" autoComplete="off" autoCapitalize="none" spellcheck={false} ref={input} required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
      ) : (
        <label class="field" key="code">
          <span>{t('login.code')}</span>
          <input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxLength={7}
            required
            ref={input}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
      )}
      <button type="submit" class="button button--primary button--block" disabled={pending}>
        {pending ? t('login.verifying') : t('login.verify')}
      </button>
      <button type="button" class="button button--ghost button--block" onClick={switchMode} data-test="toggle-recovery">
        {useRecovery ? t('login.useCode') : t('login.useRecovery')}
      </button>
      <button type="button" class="button button--ghost button--block" onClick={cancelSecondFactor}>
        {t('login.back')}
      </button>
    </form>
  );
}
