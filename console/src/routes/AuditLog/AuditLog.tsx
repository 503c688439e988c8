import type { Agent, AuditEntry } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { auditExportUrl, fetchAuditPage, listAgents } from '../../api/audit.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { t } from '../../i18n/i18n.js';
import { auditParams, EMPTY_AUDIT_FILTERS, type AuditFilterForm } from '../../lib/audit.js';
import { errorText } from '../../state/triggers.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import './AuditLog.css';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded' };

/** Admins: who changed what, when and from where; filtered, paged back in time, downloadable. */
export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [agents, setAgents] = useState<Agent[]>([]);
  const params = auditParams(filters);
  const query = params.toString();

  useEffect(() => {
    listAgents().then(
      (r) => setAgents(r.items),
      () => setAgents([]),
    );
  }, []);

  const fetchPage = (before: string | null, current: () => boolean = () => true) => {
    setLoad({ state: 'loading' });
    fetchAuditPage(params, before).then(
      (page) => {
        if (!current()) return;
        setEntries((shown) => (before ? [...shown, ...page.items] : page.items));
        setNext(page.next);
        setLoad({ state: 'loaded' });
      },
      (err: unknown) => current() && setLoad({ state: 'error', message: errorText(err) }),
    );
  };
  useEffect(() => {
    let current = true;
    fetchPage(null, () => current);
    return () => {
      current = false;
    };
  }, [query]);

  return (
    <div class="shell">
      <TopBar />
      <main class="audit-page" aria-labelledby="audit-title">
        <header class="audit-page__head">
          <div>
            <h1 id="audit-title">{t('audit.title')}</h1>
            <p class="hint">{t('audit.subtitle')}</p>
          </div>
          <div class="audit-page__downloads">
            <a class="button" href={auditExportUrl(params, 'csv')} download data-test="audit-download-csv">
              {t('audit.downloadCsv')}
            </a>
            <a class="button button--ghost" href={auditExportUrl(params, 'jsonl')} download>
              {t('audit.downloadJsonl')}
            </a>
          </div>
        </header>
        <AuditFilters agents={agents} initial={filters} onApply={setFilters} />
        <section class="audit-page__list" aria-busy={load.state === 'loading'} aria-label={t('audit.results')}>
          {load.state === 'error' && (
            <p class="form-error" role="alert">
              {t('audit.failed', { message: load.message })}
            </p>
          )}
          {load.state === 'loaded' && entries.length === 0 && (
            <p class="hint" role="status" data-part="audit-empty">
              {t('audit.empty')}
            </p>
          )}
          {entries.length > 0 && <AuditTable entries={entries} />}
          {load.state === 'loading' && (
            <p class="hint" role="status">
              {t('audit.loading')}
            </p>
          )}
          {next && load.state === 'loaded' && (
            <button type="button" class="button" data-test="audit-load-older" onClick={() => fetchPage(next)}>
              {t('audit.loadOlder')}
            </button>
          )}
        </section>
      </main>
    </div>
  );
}
