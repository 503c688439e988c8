import type { Trigger } from '@causette/shared';
import { locale, t } from '../../i18n/i18n.js';
import { formatCount, shownTotals } from '../../lib/funnel.js';
import { onLinkClick, pathOf } from '../../state/router.js';
import { canEditTriggers, statsById, statsLoad, toggleStatus, triggers } from '../../state/triggers.js';

export function TriggerList() {
  const list = triggers.value;
  return (
    <section class="card trigger-list" aria-labelledby="trigger-list-title">
      <div class="trigger-list__head">
        <h2 id="trigger-list-title" class="visually-hidden">
          {t('triggers.title')}
        </h2>
        {canEditTriggers.value && (
          <a class="button button--primary" href={pathOf({ name: 'triggerNew' })} onClick={onLinkClick({ name: 'triggerNew' })} data-test="new-trigger">
            + {t('triggers.new')}
          </a>
        )}
      </div>
      {list.length === 0 ? (
        <p class="hint">{t('triggers.empty')}</p>
      ) : (
        <table class="trigger-table">
          <thead>
            <tr>
              <th scope="col">{t('triggers.name')}</th>
              <th scope="col">{t('triggers.status')}</th>
              <th scope="col" class="num">
                {t('triggers.priority')}
              </th>
              <th scope="col" class="num">
                {t('stats.impressions')}
              </th>
              <th scope="col" class="num">
                {t('stats.conversations')}
              </th>
              <th scope="col" class="num">
                {t('stats.conversions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((trigger) => (
              <TriggerRow key={trigger.id} trigger={trigger} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TriggerRow({ trigger }: { trigger: Trigger }) {
  const stats = statsById.value[trigger.id];
  const totals = stats ? shownTotals(stats.funnel) : null;
  const figure = (value: number | undefined) => (value === undefined ? (statsLoad.value[trigger.id] === 'error' ? '—' : '…') : formatCount(value, locale));
  const active = trigger.status === 'active';
  const target = { name: 'trigger', id: trigger.id } as const;
  return (
    <tr data-test="trigger-row" data-id={trigger.id} data-status={trigger.status}>
      <th scope="row">
        <a href={pathOf(target)} onClick={onLinkClick(target)} data-test="trigger-link">
          {trigger.name}
        </a>
      </th>
      <td>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            name="status"
            data-test="toggle-status"
            checked={active}
            disabled={!canEditTriggers.value}
            aria-label={t('triggers.toggle', { name: trigger.name })}
            onChange={() => void toggleStatus(trigger)}
          />
          <span class={`chip${active ? ' chip--ok' : ' chip--muted'}`} data-test="status">
            {active ? t('triggers.active') : t('triggers.paused')}
          </span>
        </label>
      </td>
      <td class="num" data-test="priority">
        {trigger.priority}
      </td>
      <td class="num" data-test="stat-impressions">
        {figure(totals?.impressions)}
      </td>
      <td class="num" data-test="stat-conversations">
        {figure(totals?.conversations)}
      </td>
      <td class="num" data-test="stat-conversions">
        {figure(totals?.conversions)}
      </td>
    </tr>
  );
}
