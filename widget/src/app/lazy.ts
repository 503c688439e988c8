import { signal } from '@preact/signals-core';
import type { Panel } from './Panel/Panel';

/**
 * The chat panel is its own chunk (see vite.config.ts): most visitors never open the chat, so its code, CSS and
 * strings are not part of what every page pays for. `null` until it has arrived, `false` if fetching it failed.
 */
export const panel = signal<typeof Panel | null | false>(null);
let loading: Promise<void> | undefined;

/** Fetches the panel once. Called on open, and ahead of it when a click looks likely (hover, focus, a teaser). */
export function loadPanel(): Promise<void> {
  return (loading ||= import('./Panel/Panel').then(
    (m) => {
      panel.value = m.Panel;
    },
    () => {
      // A network blip: the next hover or open tries again.
      loading = undefined;
      panel.value = false;
    },
  ));
}
