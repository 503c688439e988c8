import type { TriggerStats } from '@causette/shared';
import { locale, t } from '../../i18n/i18n.js';
import { formatCount, linePoints, niceCeiling, scaleY, slots } from '../../lib/funnel.js';
import './DailyChart.css';

const WIDTH = 520;
const HEIGHT = 140;
const AXIS = 34;
const FOOT = 18;

type Day = TriggerStats['daily'][number];

/** Impressions as bars, conversations and conversions as lines, on one scale with a round top. */
export function DailyChart({ daily }: { daily: readonly Day[] }) {
  const top = niceCeiling(Math.max(0, ...daily.map((d) => Math.max(d.impressions, d.conversations, d.conversions))));
  const plotWidth = WIDTH - AXIS;
  const bars = slots(daily.length, plotWidth);
  const gridlines = [0, 0.5, 1].map((f) => f * top);
  const first = daily[0];
  const last = daily[daily.length - 1];
  return (
    <figure class="daily-chart" data-test="daily-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + FOOT}`} role="img" aria-label={t('stats.daily')}>
        {gridlines.map((value) => {
          const y = scaleY(value, top, HEIGHT);
          return (
            <g key={value} class="daily-chart__grid">
              <line x1={AXIS} x2={WIDTH} y1={y} y2={y} />
              <text x={AXIS - 4} y={Math.max(y + 4, 10)} text-anchor="end">
                {formatCount(value, locale)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${AXIS} 0)`}>
          {daily.map((day, i) => {
            const y = scaleY(day.impressions, top, HEIGHT);
            return (
              <rect key={day.day} class="daily-chart__bar" data-day={day.day} x={bars[i]!.x} y={y} width={bars[i]!.width} height={HEIGHT - y}>
                <title>{`${day.day}: ${t('stats.impressions')} ${day.impressions}, ${t('stats.conversations')} ${day.conversations}, ${t('stats.conversions')} ${day.conversions}`}</title>
              </rect>
            );
          })}
          {daily.length > 0 && (
            <>
              <polyline class="daily-chart__line daily-chart__line--conversations" points={linePoints(daily.map((d) => d.conversations), plotWidth, HEIGHT, top)} />
              <polyline class="daily-chart__line daily-chart__line--conversions" points={linePoints(daily.map((d) => d.conversions), plotWidth, HEIGHT, top)} />
            </>
          )}
        </g>
        {first && (
          <text x={AXIS} y={HEIGHT + 14} class="daily-chart__day">
            {first.day}
          </text>
        )}
        {last && last !== first && (
          <text x={WIDTH} y={HEIGHT + 14} text-anchor="end" class="daily-chart__day">
            {last.day}
          </text>
        )}
      </svg>
      <figcaption class="daily-chart__legend">
        <span class="daily-chart__key daily-chart__key--impressions">{t('stats.impressions')}</span>
        <span class="daily-chart__key daily-chart__key--conversations">{t('stats.conversations')}</span>
        <span class="daily-chart__key daily-chart__key--conversions">{t('stats.conversions')}</span>
      </figcaption>
    </figure>
  );
}
