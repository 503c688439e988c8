import type { CsatReport } from '@causette/shared';
import { request } from './http.js';

/** How visitors rated their chats over the last `days` (supervisors and admins). */
export function fetchCsatReport(siteId: string, days: number): Promise<CsatReport> {
  return request(`/api/reports/csat?siteId=${encodeURIComponent(siteId)}&days=${days}`);
}
