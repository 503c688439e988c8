import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/features';
import { leftEmail } from '../../state/offline';
import { prechatValues } from '../../state/prechat';
import { requestTranscript, transcriptBusy, transcriptEmail, transcriptOpen, transcriptResult } from '../../state/transcript';
import { ask } from '../../transport/socket';

/** "Email me this conversation": an address (prefilled with one the visitor gave here), then where it went or why not. */
export const Transcript = reactive(function Transcript({ conversationId }: { conversationId: string }) {
  const result = transcriptResult.value;
  const busy = transcriptBusy.value;
  const shown = transcriptOpen.value;
  const field = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasShown = useRef(shown);
  useEffect(() => {
    // Into the address when the form opens; back to "Email me this conversation" when it goes (sent).
    if (shown) field.current?.focus();
    else if (wasShown.current) opener.current?.focus();
    wasShown.current = shown;
  }, [shown]);
  return (
    <div class="tr" data-part="transcript">
      {shown ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void requestTranscript(conversationId, (p) => ask('transcript:request', p));
          }}
        >
          <label>
            {t('email')}
            <input
              ref={field}
              type="email"
              name="email"
              autocomplete="email"
              data-part="transcript-email"
              maxLength={320}
              value={transcriptEmail.value}
              onInput={(e) => (transcriptEmail.value = e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-part="transcript-send" disabled={busy} aria-busy={busy}>
            {t('transcriptSend')}
          </button>
        </form>
      ) : (
        <button
          ref={opener}
          type="button"
          data-part="transcript-open"
          onClick={() => {
            transcriptEmail.value ||= prechatValues.peek().email.trim() || leftEmail.peek();
            transcriptResult.value = null;
            transcriptOpen.value = true;
          }}
        >
          {t('transcript')}
        </button>
      )}
      {result &&
        ('sentTo' in result ? (
          <p role="status" data-part="transcript-sent">
            {t('transcriptSent', result.sentTo)}
          </p>
        ) : (
          <p role="alert" class="er" data-part="transcript-error">
            {result.error}
          </p>
        ))}
    </div>
  );
});
