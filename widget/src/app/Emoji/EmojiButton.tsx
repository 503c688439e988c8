import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/features';
import { draft } from '../../state/panel';
import type { EmojiPicker } from './EmojiPicker';

let picker: Promise<typeof EmojiPicker> | undefined;
/** The picker's own chunk, once; a failed fetch is tried again on the next click. */
const loadPicker = () => (picker ||= import('./EmojiPicker').then((m) => m.EmojiPicker, (e) => ((picker = undefined), Promise.reject(e))));

/** Inserts `emoji` into `text` in place of the selection `start`–`end`; returns the text and the caret after it. */
export function insertAt(text: string, emoji: string, start: number, end: number): [string, number] {
  return [text.slice(0, start) + emoji + text.slice(end), start + emoji.length];
}

/** The composer's emoji button and its picker, which inserts at the caret of `input`. */
export function EmojiButton({ input }: { input: RefObject<HTMLTextAreaElement> }) {
  const [Picker, setPicker] = useState<typeof EmojiPicker | null>(null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const pick = (emoji: string) => {
    const el = input.current!;
    const d = draft.peek();
    const [next, caret] = insertAt(d, emoji, el.selectionStart ?? d.length, el.selectionEnd ?? d.length);
    draft.value = next;
    setOpen(false);
    // After Preact has put the new value in: the caret right after the emoji, ready to type on.
    setTimeout(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  };
  return (
    <span
      class="eb"
      onKeyDown={(e) => {
        // The panel closes on Escape too: while the picker is open (focus in it or on its button), only the picker.
        if (e.key !== 'Escape' || !open) return;
        e.stopPropagation();
        close();
      }}
    >
      <button
        ref={button}
        type="button"
        data-part="emoji-open"
        aria-label={t('emoji')}
        aria-expanded={open}
        onClick={() => {
          if (open) return setOpen(false);
          void loadPicker().then((p) => {
            setPicker(() => p);
            setOpen(true);
          }, () => undefined);
        }}
      >
        <span aria-hidden="true">☺</span>
      </button>
      {open && Picker && <Picker onPick={pick} onClose={close} />}
    </span>
  );
}
