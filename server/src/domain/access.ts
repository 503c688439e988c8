import type { Agent } from '@causette/shared';
import type { Store } from '../store/store.js';

/** The sites an agent may work on: admins see every site, everyone else their memberships. */
export async function siteIdsFor(store: Store, agent: Agent): Promise<string[]> {
  if (agent.role === 'admin') return (await store.sites.list()).map((s) => s.id);
  return agent.siteIds;
}
