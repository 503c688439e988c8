import type { Agent, AuditPage } from '@causette/shared';
import { request } from './http.js';

/** One page of the audit log (admins), newest first; `before` is the previous page's `next`. */
export function fetchAuditPage(filters: URLSearchParams, before: string | null): Promise<AuditPage> {
  const params = new URLSearchParams(filters);
  if (before) params.set('before', before);
  return request(`/api/audit?${params}`);
}

/** The download link for the whole filtered log; the browser streams it to a file. */
export function auditExportUrl(filters: URLSearchParams, format: 'csv' | 'jsonl'): string {
  const params = new URLSearchParams(filters);
  params.set('format', format);
  return `/api/audit/export?${params}`;
}

/** Every agent, for the "who" filter (admins). */
export function listAgents(): Promise<{ items: Agent[] }> {
  return request('/api/agents');
}
