import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { MAX_BODY, messages, queueText } from '../../state/messages';
import { draft, takeFocusRequest } from '../../state/panel';
import { leftEmail } from '../../state/offline';
import { previewOn, typingReporter } from '../../state/typing';
import { sendTyping } from '../../transport/socket';
import { icon } from '../icons';
import { EmojiButton } from '../Emoji/EmojiButton';
import { AttachButton, AttachStatus, onPaste } from '../Attach/Attach';

const sendIcon = icon('M3 20.5 21 12 3 3.5V10l12 2-12 2z');
const typing = typingReporter(sendTyping);

/** Enter sends, Shift+Enter starts a new line; the draft survives closing the panel. */
export const Composer = reactive(function Composer() {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takeFocusRequest()) input.current!.focus();
  }, []);
  const submit = () => {
    queueText(draft.value);
    draft.value = '';
    typing.stop();
  };
  // "We'll reply to you at …" holds until an agent answers here: then it has been kept another way.
  const left = !messages.value.some((m) => m.author === 'agent') && leftEmail.value;
  // Read while rendering, so a change of the site's setting re-renders.
  const preview = previewOn();
  return (
    <>
      {left && (
        <p class="k" data-part="offline-sent" role="status">
          {t('leaveSent', left)}
        </p>
      )}
      {preview && (
        <p class="k" id="cz-preview" data-part="preview-notice">
          {t('previewNotice')}
        </p>
      )}
      <AttachStatus />
      <form
        data-part="composer"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          ref={input}
          data-part="input"
          rows={1}
          maxLength={MAX_BODY}
          placeholder={t('placeholder')}
          aria-label={t('placeholder')}
          aria-describedby={preview ? 'cz-preview' : undefined}
          value={draft.value}
          onInput={(e) => {
            draft.value = e.currentTarget.value;
            typing.input(draft.value);
          }}
          onPaste={onPaste}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <AttachButton />
        <EmojiButton input={input} />
        <button type="submit" data-part="send" aria-label={t('send')}>
          {sendIcon}
        </button>
      </form>
    </>
  );
});
