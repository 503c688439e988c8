import { signal } from '@preact/signals-core';

export const open = signal(false);
export const draft = signal('');
export const pageVisible = signal(true);

let focusRequested = false;

/** Opening moves focus to the composer, except when the panel is reopened by itself on page load. */
export function setOpen(next: boolean, focus = next): void {
  focusRequested = focus;
  open.value = next;
}

/** What replaces a control that had the focus takes it (the leave-a-message form giving way to the composer). */
export function requestFocus(): void {
  focusRequested = true;
}

export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}
