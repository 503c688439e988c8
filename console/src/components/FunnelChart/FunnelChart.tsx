import type { TriggerFunnel } from '@causette/shared';
import { locale, t, type MessageKey } from '../../i18n/i18n.js';
import { FUNNEL_STEPS, HOLDOUT, formatCount, formatPercent, niceCeiling, ratio } from '../../lib/funnel.js';
import './FunnelChart.css';

const WIDTH = 520;
const LABEL = 110;
const BAR = 16;
const GAP = 4;
const BLOCK_GAP = 18;
const HEADER = 18;

/** One block per variant: impressions → opened → conversations → conversions, all on one scale so variants compare. */
export function FunnelChart({ funnel }: { funnel: readonly TriggerFunnel[] }) {
  const top = niceCeiling(Math.max(0, ...funnel.map((row) => row.impressions)));
  const barSpace = WIDTH - LABEL - 90;
  const blockHeight = HEADER + FUNNEL_STEPS.length * (BAR + GAP);
  const height = funnel.length * (blockHeight + BLOCK_GAP);
  return (
    <svg class="funnel-chart" data-test="funnel-chart" viewBox={`0 0 ${WIDTH} ${Math.max(height, 1)}`} role="img" aria-label={t('stats.funnel')}>
      {funnel.map((row, i) => {
        const y0 = i * (blockHeight + BLOCK_GAP);
        return (
          <g key={row.variant} class={row.variant === HOLDOUT ? 'is-holdout' : ''} data-variant={row.variant}>
            <text x={0} y={y0 + 12} class="funnel-chart__variant">
              {row.variant === HOLDOUT ? t('stats.holdout') : t('editor.variant', { id: row.variant })}
            </text>
            {FUNNEL_STEPS.map((step, s) => {
              const y = y0 + HEADER + s * (BAR + GAP);
              const width = (row[step] / top) * barSpace;
              return (
                <g key={step} class={`funnel-chart__step funnel-chart__step--${step}`}>
                  <text x={LABEL - 6} y={y + BAR - 4} text-anchor="end" class="funnel-chart__label">
                    {t(`stats.${step}` as MessageKey)}
                  </text>
                  <rect x={LABEL} y={y} width={Math.max(width, row[step] > 0 ? 2 : 0)} height={BAR} rx={3}>
                    <title>{`${t(`stats.${step}` as MessageKey)}: ${formatCount(row[step], locale)}`}</title>
                  </rect>
                  <text x={LABEL + width + 6} y={y + BAR - 4} class="funnel-chart__value">
                    {formatCount(row[step], locale)}
                    {s > 0 && row.impressions > 0 ? ` · ${formatPercent(ratio(row[step], row.impressions), locale)}` : ''}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
