import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { loginError, loginPending, loginTicket, signIn } from '../../state/session.js';
import { SecondFactor } from './SecondFactor.js';
import './Login.css';

export function Login() {
  return <main class="login">{loginTicket.value ? <SecondFactor /> : <Password />}</main>;
}

function Password() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const pending = loginPending.value;
  const error = loginError.value;
  return (
    <form
      class="login__card"
      aria-labelledby="login-title"
      onSubmit={(event) => {
        event.preventDefault();
        void signIn(email.trim(), password);
      }}
    >
      <div class="login__logo" aria-hidden="true">
        C
      </div>
      <h1 id="login-title">{t('login.title')}</h1>
      <p class="login__subtitle">{t('login.subtitle')}</p>
      {error && (
        <p class="login__error" role="alert" data-test="login-error">
          {error}
        </p>
      )}
      <label class="field">
        <span>{t('login.email')}</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('login.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="button button--primary button--block" disabled={pending}>
        {pending ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
