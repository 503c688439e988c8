import type { AuditChange } from '@causette/shared';

/** The audit screen's filters as the form holds them: dates are the admin's local calendar days, both included. */
export interface AuditFilterForm {
  action: string;
  actorId: string;
  fromDate: string;
  toDate: string;
  text: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterForm = { action: '', actorId: '', fromDate: '', toDate: '', text: '' };

const localMidnight = (date: string) => new Date(`${date}T00:00:00`).getTime();

/** The query both the list and the export take: `to` is the start of the day after the last one chosen. */
export function auditParams(form: AuditFilterForm): URLSearchParams {
  const params = new URLSearchParams();
  if (form.action) params.set('action', form.action);
  if (form.actorId) params.set('actorId', form.actorId);
  if (form.fromDate) params.set('from', String(localMidnight(form.fromDate)));
  if (form.toDate) {
    const next = new Date(localMidnight(form.toDate));
    next.setDate(next.getDate() + 1);
    params.set('to', String(next.getTime()));
  }
  if (form.text.trim()) params.set('q', form.text.trim());
  return params;
}

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** "role: agent → supervisor" per field; a field kept without its values (a password) reads "password: changed". */
export function changeLines(changes: Record<string, AuditChange>, changedWord: string): string[] {
  return Object.entries(changes).map(([field, change]) =>
    'from' in change || 'to' in change ? ('from' in change ? `${field}: ${show(change.from)} → ${show(change.to)}` : `${field}: ${show(change.to)}`) : `${field}: ${changedWord}`,
  );
}
