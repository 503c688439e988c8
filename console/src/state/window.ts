import { signal } from '@preact/signals';

function isActive(): boolean {
  if (typeof document === 'undefined') return false;
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** The agent is looking at this tab: it is visible and has focus. Read marks and notifications follow it. */
export const windowActive = signal(isActive());

/** Some browsers refuse sound until the page saw a click or a key. */
export const userGestured = signal(false);

if (typeof window !== 'undefined') {
  const update = () => {
    windowActive.value = isActive();
  };
  window.addEventListener('focus', update);
  window.addEventListener('blur', update);
  document.addEventListener('visibilitychange', update);
  const gesture = () => {
    userGestured.value = true;
    window.removeEventListener('pointerdown', gesture, true);
    window.removeEventListener('keydown', gesture, true);
  };
  window.addEventListener('pointerdown', gesture, true);
  window.addEventListener('keydown', gesture, true);
}
