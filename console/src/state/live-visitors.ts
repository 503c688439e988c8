import type { VisitorContext } from '@causette/shared';
import { signal } from '@preact/signals';
import { listLiveVisitors } from '../api/triggers.js';
import { onSignOut } from './sign-out.js';
import { errorText } from './triggers.js';

/** Who is on the watched site now, as the Visitors screen lists them. */
export const liveVisitors = signal<readonly VisitorContext[]>([]);
export const liveVisitorsLoad = signal<'idle' | 'loading' | 'loaded' | 'error'>('idle');
export const liveVisitorsError = signal<string | null>(null);

const REFRESH_MS = 10_000;
/** Arrivals come in bursts (a page view per tab); one refetch answers them all. */
const ARRIVAL_DEBOUNCE_MS = 1_000;

let watchedSite: string | null = null;
let arrivalTimer: ReturnType<typeof setTimeout> | undefined;

export async function refreshLiveVisitors(siteId: string): Promise<void> {
  if (liveVisitorsLoad.peek() !== 'loaded') liveVisitorsLoad.value = 'loading';
  try {
    const { items } = await listLiveVisitors(siteId);
    if (watchedSite !== siteId) return;
    liveVisitors.value = items;
    liveVisitorsLoad.value = 'loaded';
    liveVisitorsError.value = null;
  } catch (err) {
    if (watchedSite !== siteId) return;
    liveVisitorsError.value = errorText(err);
    // A failed refresh keeps the last list on screen; only a first load without data is an error state.
    if (liveVisitorsLoad.peek() !== 'loaded') liveVisitorsLoad.value = 'error';
  }
}

/** While the Visitors screen shows a site: load it now, then every 10 s. Returns the stop function. */
export function watchLiveVisitors(siteId: string): () => void {
  if (watchedSite !== siteId) {
    liveVisitors.value = [];
    liveVisitorsLoad.value = 'idle';
    liveVisitorsError.value = null;
  }
  watchedSite = siteId;
  void refreshLiveVisitors(siteId);
  const interval = setInterval(() => void refreshLiveVisitors(siteId), REFRESH_MS);
  return () => {
    clearInterval(interval);
    clearTimeout(arrivalTimer);
    if (watchedSite === siteId) watchedSite = null;
  };
}

/**
 * A `visitor:update` from the socket: a listed visitor changes in place at once. An unknown one is a new arrival
 * (or a visitor of another site, since the context carries no site), so the list is fetched again shortly.
 */
export function applyLiveVisitorUpdate(context: VisitorContext): void {
  const list = liveVisitors.peek();
  const index = list.findIndex((v) => v.visitorId === context.visitorId);
  if (index !== -1) {
    liveVisitors.value = list.map((v, i) => (i === index ? context : v));
    return;
  }
  const siteId = watchedSite;
  if (!siteId || !context.online) return;
  clearTimeout(arrivalTimer);
  arrivalTimer = setTimeout(() => watchedSite === siteId && void refreshLiveVisitors(siteId), ARRIVAL_DEBOUNCE_MS);
}

onSignOut(() => {
  clearTimeout(arrivalTimer);
  liveVisitors.value = [];
  liveVisitorsLoad.value = 'idle';
  liveVisitorsError.value = null;
});
