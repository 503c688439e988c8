import { batch, signal } from '@preact/signals-core';
import type { Teaser } from '@causette/shared';
import { setOpen } from './panel';

/** The teaser on screen (one at a time: a newer one replaces it), and whether the visitor opened it. */
export const teaser = signal<(Teaser & { at: number }) | null>(null);
export const teaserOpened = signal(false);
/** The impression the visitor's next message replies to; taken once. */
let impression: string | undefined;

type TeaserEvent = 'teaser:open' | 'teaser:dismiss';
let report: (event: TeaserEvent, impressionId: string) => void = () => {};
export function onTeaserEvent(fn: typeof report): void {
  report = fn;
}

export function showTeaser(next: Teaser): void {
  impression = next.impressionId;
  batch(() => {
    teaser.value = { ...next, at: Date.now() };
    teaserOpened.value = next.openPanel;
    if (next.openPanel) setOpen(true, false);
  });
}

/** The visitor clicked the bubble (or the launcher under it): the chat opens with the teaser as its first line. */
export function openTeaser(): void {
  const t = teaser.peek();
  if (!t) return;
  if (!teaserOpened.peek()) report('teaser:open', t.impressionId);
  batch(() => {
    teaserOpened.value = true;
    setOpen(true);
  });
}

export function dismissTeaser(): void {
  const t = teaser.peek();
  if (!t) return;
  report('teaser:dismiss', t.impressionId);
  impression = undefined;
  teaser.value = null;
}

export function takeImpression(): string | undefined {
  const id = impression;
  impression = undefined;
  return id;
}
