import { isolated } from '@causette/shared/bidi';
import type { CsatReport } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { fetchCsatReport } from '../../api/reports.js';
import { RatingBadge } from '../../components/RatingBadge/RatingBadge.js';
import { SiteSelector } from '../../components/SiteSelector/SiteSelector.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { locale, t } from '../../i18n/i18n.js';
import { fullDate } from '../../lib/format.js';
import { onLinkClick, pathOf } from '../../state/router.js';
import { errorText, loadSites, selectedSiteId, triggersError } from '../../state/triggers.js';
import './Reports.css';

export const PERIODS = [7, 30, 90] as const;

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded'; report: CsatReport };

const decimal = (value: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
const whole = (value: number) => new Intl.NumberFormat(locale).format(value);

/** Supervisors' and admins' view of customer satisfaction: average, spread, per agent, and what visitors wrote. */
export function Reports() {
  const [days, setDays] = useState<number>(30);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const siteId = selectedSiteId.value;
  useEffect(() => void loadSites(), []);
  useEffect(() => {
    if (!siteId) return;
    let current = true;
    setLoad({ state: 'loading' });
    fetchCsatReport(siteId, days).then(
      (report) => current && setLoad({ state: 'loaded', report }),
      (err: unknown) => current && setLoad({ state: 'error', message: errorText(err) }),
    );
    return () => {
      current = false;
    };
  }, [siteId, days]);

  return (
    <div class="shell">
      <TopBar />
      <main class="reports-page" aria-labelledby="reports-title">
        <header class="reports-page__head">
          <div>
            <h1 id="reports-title">{t('reports.title')}</h1>
            <p class="hint">{t('reports.subtitle')}</p>
          </div>
          <div class="reports-page__filters">
            <SiteSelector />
            <label class="site-select">
              {t('reports.period')}
              <select name="period" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
                {PERIODS.map((n) => (
                  <option key={n} value={String(n)}>
                    {t('reports.lastDays', { n })}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </header>
        <section class="reports-page__section" aria-labelledby="csat-title" aria-busy={load.state === 'loading'}>
          <h2 id="csat-title">{t('reports.csat')}</h2>
          {!siteId && triggersError.value && (
            <p class="form-error" role="alert">
              {triggersError.value}
            </p>
          )}
          {siteId && load.state === 'loading' && (
            <p class="hint" role="status">
              {t('reports.loading')}
            </p>
          )}
          {load.state === 'error' && (
            <p class="form-error" role="alert">
              {t('reports.failed', { message: load.message })}
            </p>
          )}
          {load.state === 'loaded' && <CsatView report={load.report} />}
        </section>
      </main>
    </div>
  );
}

export function CsatView({ report }: { report: CsatReport }) {
  if (report.count === 0) return <p class="hint" data-part="csat-empty">{t('reports.none')}</p>;
  const widest = Math.max(...report.distribution, 1);
  const comments = report.recent.filter((c) => c.rating?.comment);
  return (
    <>
      <dl class="reports-figures">
        <div class="reports-figure" data-part="csat-average">
          <dt>{t('reports.average')}</dt>
          <dd>
            <span class="reports-figure__value">{report.average === null ? '—' : t('reports.outOf5', { value: decimal(report.average) })}</span>
          </dd>
        </div>
        <div class="reports-figure" data-part="csat-count">
          <dt>{t('reports.count')}</dt>
          <dd>
            <span class="reports-figure__value">{whole(report.count)}</span>
          </dd>
        </div>
        {report.satisfiedPercent !== null && report.satisfiedPercent !== undefined && (
          <div class="reports-figure" data-part="csat-satisfied">
            <dt>{t('reports.satisfied')}</dt>
            <dd>
              <span class="reports-figure__value">{new Intl.NumberFormat(locale, { style: 'percent' }).format(report.satisfiedPercent / 100)}</span>
            </dd>
          </div>
        )}
      </dl>
      <h3 id="csat-distribution">{t('reports.distribution')}</h3>
      <ul class="reports-bars" aria-labelledby="csat-distribution" data-part="csat-distribution">
        {[5, 4, 3, 2, 1].map((score) => {
          const count = report.distribution[score - 1] ?? 0;
          return (
            <li key={score} class="reports-bars__row" data-score={score}>
              <span class="visually-hidden">{t('reports.scoreRow', { score, count: whole(count) })}</span>
              <span class="reports-bars__label" aria-hidden="true">
                {score} ★
              </span>
              <span class="reports-bars__track" aria-hidden="true">
                <span class="reports-bars__bar" style={{ width: `${(count / widest) * 100}%` }} />
              </span>
              <span class="reports-bars__count" aria-hidden="true">
                {whole(count)}
              </span>
            </li>
          );
        })}
      </ul>
      {report.byAgent.length > 0 && (
        <>
          <h3 id="csat-agents">{t('reports.byAgent')}</h3>
          <div class="data-table-wrap">
            <table class="data-table" aria-labelledby="csat-agents" data-part="csat-agents">
              <thead>
                <tr>
                  <th scope="col">{t('reports.agent')}</th>
                  <th scope="col">{t('reports.count')}</th>
                  <th scope="col">{t('reports.average')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byAgent.map((row) => (
                  <tr key={row.agentId} data-agent-id={row.agentId}>
                    <th scope="row">{row.name}</th>
                    <td>{whole(row.count)}</td>
                    <td>{t('reports.outOf5', { value: decimal(row.average) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3 id="csat-comments">{t('reports.recent')}</h3>
      {comments.length === 0 ? (
        <p class="hint">{t('reports.noComments')}</p>
      ) : (
        <ul class="reports-comments" aria-labelledby="csat-comments" data-part="csat-comments">
          {comments.map((c) => {
            const target = { name: 'conversation', id: c.id } as const;
            return (
              <li key={c.id} class="reports-comment" data-part="csat-comment" data-id={c.id}>
                <div class="reports-comment__head">
                  <RatingBadge score={c.rating!.score} />
                  <a href={pathOf(target)} onClick={onLinkClick(target)}>
                    {t('reports.openChat', { name: isolated(c.visitorName) })}
                  </a>
                  {c.assigneeName && <span class="chip chip--muted">{c.assigneeName}</span>}
                  <time class="hint" dateTime={new Date(c.rating!.ratedAt).toISOString()}>
                    {fullDate(c.rating!.ratedAt, locale)}
                  </time>
                </div>
                <blockquote class="reports-comment__text">{c.rating!.comment}</blockquote>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
