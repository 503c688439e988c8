import type { Site, SiteUpdateBody } from '@causette/shared';
import { request } from './http.js';

export function updateSite(id: string, body: SiteUpdateBody): Promise<Site> {
  return request(`/api/sites/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
