import type { CannedResponse } from '@causette/shared';
import { signal } from '@preact/signals';
import { listCanned } from '../api/canned.js';
import { onSignOut } from './sign-out.js';

/** Saved replies per site, fetched once per session. */
export const cannedBySite = signal<Readonly<Record<string, readonly CannedResponse[]>>>({});
const requested = new Set<string>();

export async function loadCanned(siteId: string): Promise<void> {
  if (requested.has(siteId)) return;
  requested.add(siteId);
  try {
    const { items } = await listCanned(siteId);
    cannedBySite.value = { ...cannedBySite.peek(), [siteId]: items };
  } catch {
    // Without saved replies the composer still works; try again on the next selection.
    requested.delete(siteId);
  }
}

onSignOut(() => {
  requested.clear();
  cannedBySite.value = {};
});
