import type { AuditEntry } from '@causette/shared';
import { locale, t } from '../../i18n/i18n.js';
import { changeLines } from '../../lib/audit.js';
import { fullDate } from '../../lib/format.js';
import { actionLabel } from './AuditFilters.js';

/** One row per entry: who, what, on what, when (the admin's local time), from where, and what changed. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table class="audit-table" data-part="audit-table">
      <caption class="visually-hidden">{t('audit.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.when')}</th>
          <th scope="col">{t('audit.who')}</th>
          <th scope="col">{t('audit.what')}</th>
          <th scope="col">{t('audit.target')}</th>
          <th scope="col">{t('audit.where')}</th>
          <th scope="col">{t('audit.change')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td>
              <time dateTime={new Date(e.at).toISOString()}>{fullDate(e.at, locale)}</time>
            </td>
            <td data-part="audit-actor">{e.actorLabel || '—'}</td>
            <td data-part="audit-action">{actionLabel(e.action)}</td>
            <td data-part="audit-target">{e.targetLabel}</td>
            <td data-part="audit-where">
              {e.ip}
              {e.userAgent && (
                <span class="audit-table__agent" title={e.userAgent}>
                  {e.userAgent}
                </span>
              )}
            </td>
            <td data-part="audit-change">
              {changeLines(e.changes, t('audit.changed')).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
