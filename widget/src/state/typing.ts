import { site } from './session';

/** One `typing:set`, less the conversation id the transport adds. */
export interface TypingFrame {
  typing: boolean;
  /** The unsent text, only when the site has typing preview on. */
  draft?: string;
}

const PULSE_MS = 2000;
const IDLE_MS = 3000;
const PREVIEW_MS = 300;

/** Typing preview is on unless the site turned it off (absent means on). */
export const previewOn = (): boolean => site.value?.settings.typingPreview !== false;

/**
 * Turns the composer's text into typing frames. Without preview: "typing" at most every 2 s and "stopped" after
 * 3 s without keys, as before. With preview, each frame carries the draft, at most one per 300 ms, and the last
 * text typed always goes out (a trailing frame), so the agent never sees a stale draft.
 */
export function typingReporter(send: (frame: TypingFrame) => void, preview: () => boolean = previewOn) {
  let text = '';
  let sentAt = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const emit = (frame: TypingFrame) => {
    clearTimeout(trailing);
    trailing = undefined;
    sentAt = Date.now();
    send(frame);
  };
  const frame = (typing: boolean, draft: string): TypingFrame => (preview() ? { typing, draft } : { typing });
  const reset = () => {
    clearTimeout(idle);
    clearTimeout(trailing);
    trailing = undefined;
    sentAt = 0;
  };
  /** Sent, or emptied: nothing is being typed any more. */
  const stop = () => {
    reset();
    text = '';
    send(frame(false, ''));
  };
  return {
    /** The composer's text changed. */
    input(next: string): void {
      if (!next.trim()) return stop();
      text = next;
      clearTimeout(idle);
      idle = setTimeout(() => {
        // A pause: no longer typing, but with preview the unsent text is still what the agent sees.
        reset();
        send(frame(false, text));
      }, IDLE_MS);
      const since = Date.now() - sentAt;
      if (!preview()) {
        if (since > PULSE_MS) emit({ typing: true });
      } else if (since >= PREVIEW_MS) emit(frame(true, text));
      // The trailing frame reads `text` when it fires: whatever was typed last.
      else trailing ||= setTimeout(() => emit(frame(true, text)), PREVIEW_MS - since);
    },
    stop,
  };
}
