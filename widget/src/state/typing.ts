import { signal } from '@preact/signals-core';

/** When the visitor's latest typing pulse was sent (ms), 0 when not typing. */
export const visitorTyping = signal(0);
let idle: ReturnType<typeof setTimeout> | undefined;

/** A keystroke: a new "typing" pulse at most every 2 s, and "stopped" after 3 s without keys. */
export function noteTyping(): void {
  const now = Date.now();
  if (now - visitorTyping.peek() > 2000) visitorTyping.value = now;
  clearTimeout(idle);
  idle = setTimeout(stopTyping, 3000);
}

export function stopTyping(): void {
  clearTimeout(idle);
  visitorTyping.value = 0;
}
