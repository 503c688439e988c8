import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { MAX_BODY } from '../../state/messages';
import { leaveError, leaveForm, leaving, submitLeave } from '../../state/offline';
import { requestFocus, takeFocusRequest } from '../../state/panel';
import { leaveMessage, wake } from '../../transport/socket';

type Field = keyof typeof leaveForm.value;

/** No agent online: the visitor leaves an address and a message, answered by email or when they come back. */
export const OfflineForm = reactive(function OfflineForm() {
  const email = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (takeFocusRequest()) email.current!.focus();
    // An agent came online (or the message went): the composer that replaces the form takes the focus it had,
    // rather than leaving it to fall back to the page.
    return () => {
      const el = form.current;
      if (el?.contains((el.getRootNode() as ShadowRoot).activeElement)) requestFocus();
    };
  }, []);
  const f = leaveForm.value;
  const error = leaveError.value;
  const busy = leaving.value;
  const edit = (field: Field) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    leaveForm.value = { ...leaveForm.peek(), [field]: e.currentTarget.value };
    // After an erasure the widget is offline: filling the form in connects again, as a new visitor.
    wake();
  };
  return (
    <form
      ref={form}
      class="o"
      data-part="offline-form"
      aria-labelledby="cz-leave"
      aria-describedby={error ? 'cz-leave-error' : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void submitLeave(leaveMessage);
      }}
    >
      <p id="cz-leave">{t('leaveIntro')}</p>
      <label>
        {t('email')}
        <input ref={email} name="email" type="email" required autocomplete="email" maxLength={320} value={f.email} onInput={edit('email')} />
      </label>
      <label>
        {t('name')}
        <input name="name" autocomplete="name" maxLength={128} value={f.name} onInput={edit('name')} />
      </label>
      <label>
        {t('message')}
        <textarea name="message" required maxLength={MAX_BODY} value={f.body} onInput={edit('body')} />
      </label>
      {error && (
        <p id="cz-leave-error" role="alert" data-part="offline-error">
          {error}
        </p>
      )}
      <button type="submit" data-part="offline-submit" disabled={busy} aria-busy={busy}>
        {t(busy ? 'leaveSending' : 'leaveSend')}
      </button>
    </form>
  );
});
