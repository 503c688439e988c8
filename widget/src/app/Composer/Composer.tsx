import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { MAX_BODY, queueText } from '../../state/messages';
import { draft, takeFocusRequest } from '../../state/panel';
import { noteTyping, stopTyping } from '../../state/typing';
import { sendIcon } from '../icons';

/** Enter sends, Shift+Enter starts a new line; the draft survives closing the panel. */
export const Composer = reactive(function Composer() {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takeFocusRequest()) input.current!.focus();
  }, []);
  const submit = () => {
    queueText(draft.value);
    draft.value = '';
    stopTyping();
  };
  return (
    <form
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
        value={draft.value}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
          if (draft.value.trim()) noteTyping();
          else stopTyping();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" data-part="send" aria-label={t('send')}>
        {sendIcon}
      </button>
    </form>
  );
});
