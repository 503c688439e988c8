import { reactive } from '../reactive';
import { createRef } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { confirmForget, forgetStep } from '../../state/forget';
import { forgotten } from '../../state/session';
import { forgetVisitor } from '../../transport/socket';

/** The panel's "Your data has been deleted." line, focused once the visitor's own request went through. */
export const forgottenNotice = createRef<HTMLParagraphElement>();

/** GDPR self-service: the visitor erases their conversations and everything known about them, after a confirm. */
export const Forget = reactive(function Forget() {
  const step = forgetStep.value;
  const link = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const shown = useRef(step);
  useEffect(() => {
    // Into the question when it opens (Cancel: the safe answer), back to the link when it closes.
    if (step === 'confirm' && !shown.current) cancel.current?.focus();
    if (!step && shown.current && !forgotten.peek()) link.current?.focus();
    shown.current = step;
  }, [step]);
  if (forgotten.value) return null;
  const busy = step === 'busy';
  return (
    <div class="g">
      {step ? (
        <div data-part="forget-confirm" role="group" aria-labelledby="cz-forget">
          <p id="cz-forget">{t('forgetExplain')}</p>
          {step === 'failed' && (
            <p role="alert" data-part="forget-error">
              {t('forgetFailed')}
            </p>
          )}
          <button
            type="button"
            class="r"
            data-part="forget-yes"
            disabled={busy}
            aria-busy={busy}
            onClick={async () => {
              if (await confirmForget(forgetVisitor)) setTimeout(() => forgottenNotice.current?.focus());
            }}
          >
            {t(busy ? 'forgetting' : 'forgetYes')}
          </button>
          <button type="button" ref={cancel} data-part="forget-no" disabled={busy} onClick={() => (forgetStep.value = '')}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" ref={link} data-part="forget" onClick={() => (forgetStep.value = 'confirm')}>
          {t('forget')}
        </button>
      )}
    </div>
  );
});
