/** What counts as the agent being at the console. Pointer moves count too: reading a chat with the mouse is work. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focusin'] as const;

/**
 * Calls `onIdle` once, after `delayMs` without any input in `target` (and without the window regaining focus).
 * Input only records a time; the timer re-arms itself when it wakes early, so a moving mouse costs no timer churn.
 * Returns the function that stops watching.
 */
export function watchIdle(delayMs: number, onIdle: () => void, target: Window = window): () => void {
  let lastInput = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (waitMs: number) => {
    timer = setTimeout(() => {
      const quietFor = Date.now() - lastInput;
      if (quietFor >= delayMs) {
        stop();
        onIdle();
      } else arm(delayMs - quietFor);
    }, waitMs);
  };
  const onInput = () => {
    lastInput = Date.now();
  };
  const stop = () => {
    clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, onInput, true);
    target.removeEventListener('focus', onInput);
  };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, onInput, { capture: true, passive: true });
  target.addEventListener('focus', onInput);
  arm(delayMs);
  return stop;
}
