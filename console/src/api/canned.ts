import type { CannedResponse } from '@causette/shared';
import { request } from './http.js';

export function listCanned(siteId: string): Promise<{ items: CannedResponse[] }> {
  return request(`/api/canned?siteId=${encodeURIComponent(siteId)}`);
}
