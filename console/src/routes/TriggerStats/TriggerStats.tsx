import type { TriggerFunnel } from '@causette/shared';
import { useEffect } from 'preact/hooks';
import { DailyChart } from '../../components/DailyChart/DailyChart.js';
import { FunnelChart } from '../../components/FunnelChart/FunnelChart.js';
import { locale, t } from '../../i18n/i18n.js';
import { HOLDOUT, formatCount, formatPercent, formatPoints, ratio, shownTotals, upliftPoints } from '../../lib/funnel.js';
import { loadStats, statsById, statsLoad } from '../../state/triggers.js';
import './TriggerStats.css';

const amount = (value: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** What the trigger earned: headline figures, the funnel per variant against the holdout, and the days. */
export function TriggerStatsView({ triggerId }: { triggerId: string }) {
  useEffect(() => void loadStats(triggerId), [triggerId]);
  const stats = statsById.value[triggerId];
  const load = statsLoad.value[triggerId];
  if (!stats) {
    return (
      <section class="card stats" aria-labelledby="stats-title">
        <h2 id="stats-title">{t('stats.title')}</h2>
        <p class="hint" role="status">
          {load === 'error' ? t('stats.error') : t('stats.loading')}
        </p>
      </section>
    );
  }
  const totals = shownTotals(stats.funnel);
  const uplift = stats.uplift ?? upliftPoints(stats.funnel);
  return (
    <section class="card stats" aria-labelledby="stats-title" data-test="trigger-stats">
      <h2 id="stats-title">{t('stats.title')}</h2>
      <dl class="stats__headline">
        <Figure label={t('stats.impressions')} value={formatCount(totals.impressions, locale)} test="stat-impressions" />
        <Figure label={t('stats.conversations')} value={formatCount(totals.conversations, locale)} test="stat-conversations" />
        <Figure label={t('stats.conversions')} value={formatCount(totals.conversions, locale)} test="stat-conversions" />
        <Figure label={t('stats.rate')} value={formatPercent(ratio(totals.conversions, totals.impressions), locale)} test="stat-rate" />
        <Figure label={t('stats.revenue')} value={amount(totals.revenue)} test="stat-revenue" />
        <Figure
          label={t('stats.uplift')}
          value={formatPoints(uplift, locale)}
          test="stat-uplift"
          tone={uplift === null ? undefined : uplift > 0 ? 'up' : uplift < 0 ? 'down' : undefined}
          title={uplift === null ? t('stats.upliftNone') : undefined}
        />
      </dl>
      <div class="stats__body">
        {stats.funnel.length === 0 ? (
          <p class="hint">{t('stats.empty')}</p>
        ) : (
          <div class="stats__funnel" data-test="funnel">
            <h3>{t('stats.funnel')}</h3>
            <FunnelTable funnel={stats.funnel} />
            <FunnelChart funnel={stats.funnel} />
          </div>
        )}
        <div class="stats__daily">
          <h3>{t('stats.daily')}</h3>
          <DailyChart daily={stats.daily} />
        </div>
      </div>
    </section>
  );
}

function Figure({ label, value, test, tone, title }: { label: string; value: string; test: string; tone?: 'up' | 'down'; title?: string }) {
  return (
    <div class={`stats__figure${tone ? ` is-${tone}` : ''}`} title={title}>
      <dt>{label}</dt>
      <dd data-test={test}>{value}</dd>
    </div>
  );
}

function FunnelTable({ funnel }: { funnel: readonly TriggerFunnel[] }) {
  // Shown variants first, the holdout last, as the baseline they are compared with.
  const rows = [...funnel].sort((a, b) => Number(a.variant === HOLDOUT) - Number(b.variant === HOLDOUT) || a.variant.localeCompare(b.variant));
  return (
    <table class="funnel-table">
      <thead>
        <tr>
          <th scope="col">{t('stats.variant')}</th>
          <th scope="col" class="num">{t('stats.impressions')}</th>
          <th scope="col" class="num">{t('stats.opened')}</th>
          <th scope="col" class="num">{t('stats.conversations')}</th>
          <th scope="col" class="num">{t('stats.conversions')}</th>
          <th scope="col" class="num">{t('stats.revenue')}</th>
          <th scope="col" class="num">{t('stats.rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.variant} data-test="funnel-row" data-variant={row.variant} class={row.variant === HOLDOUT ? 'is-holdout' : ''}>
            <th scope="row">{row.variant === HOLDOUT ? t('stats.holdout') : row.variant}</th>
            <td class="num">{formatCount(row.impressions, locale)}</td>
            <td class="num">{formatCount(row.opened, locale)}</td>
            <td class="num">{formatCount(row.conversations, locale)}</td>
            <td class="num">{formatCount(row.conversions, locale)}</td>
            <td class="num">{amount(row.revenue)}</td>
            <td class="num" data-test="conversion-rate">
              {formatPercent(row.conversionRate, locale)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
