import { AUDIT_ACTIONS, type Agent } from '@causette/shared';
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/i18n.js';
import type { AuditFilterForm } from '../../lib/audit.js';

export const actionLabel = (action: string) => t(`audit.action.${action}` as MessageKey);

/** The audit screen's filters; nothing is asked of the server until the admin applies them. */
export function AuditFilters({ agents, initial, onApply }: { agents: Agent[]; initial: AuditFilterForm; onApply: (form: AuditFilterForm) => void }) {
  const [form, setForm] = useState(initial);
  const field = (name: keyof AuditFilterForm) => ({
    name,
    value: form[name],
    onInput: (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <form
      class="audit-filters"
      role="search"
      aria-label={t('audit.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(form);
      }}
    >
      <label>
        {t('audit.action')}
        <select {...field('action')} onChange={field('action').onInput}>
          <option value="">{t('audit.anyAction')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.actor')}
        <select {...field('actorId')} onChange={field('actorId').onInput}>
          <option value="">{t('audit.anyActor')}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.from')}
        <input type="date" {...field('fromDate')} max={form.toDate || undefined} />
      </label>
      <label>
        {t('audit.to')}
        <input type="date" {...field('toDate')} min={form.fromDate || undefined} />
      </label>
      <label>
        {t('audit.search')}
        <input type="search" {...field('text')} maxLength={200} placeholder={t('audit.searchPlaceholder')} />
      </label>
      <button type="submit" class="button button--primary" data-test="audit-apply">
        {t('audit.apply')}
      </button>
    </form>
  );
}
