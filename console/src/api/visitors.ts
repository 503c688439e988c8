import { request } from './http.js';

/** Everything the server holds about a visitor (admin; a data-access request). */
export function exportVisitor(id: string): Promise<{ exportedAt: number; data: Record<string, unknown[]> }> {
  return request(`/api/visitors/${encodeURIComponent(id)}/export`);
}

/** Erases the visitor and all their data, conversations included (admin); 204. */
export function eraseVisitor(id: string): Promise<void> {
  return request(`/api/visitors/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
