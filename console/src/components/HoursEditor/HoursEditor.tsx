import { openingState, type BusinessHours } from '@causette/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { locale, t, type MessageKey } from '../../i18n/i18n.js';
import { now } from '../../lib/format.js';
import { browserTimeZone, formatOpening, timeZones } from '../../lib/hours.js';
import {
  copyMondayToWeekdays,
  formFromHours,
  hoursFromForm,
  hoursProblems,
  MAX_WINDOWS,
  WEEK_ORDER,
  windowCount,
  type DayForm,
  type HoursForm,
  type HoursProblem,
} from '../../lib/hours-form.js';
import './HoursEditor.css';

interface Props {
  /** Unique on the page: prefixes the ids that tie labels and messages to their fields. */
  idPrefix: string;
  hours: BusinessHours | null | undefined;
  /** `site`: no hours means always open. `team`: no hours means the site's hours, which `siteHours` are. */
  mode: 'site' | 'team';
  siteHours?: BusinessHours | null | undefined;
  legend: string;
  /** Saves the hours (null: none) and returns the error to show, or null. */
  onSave: (hours: BusinessHours | null) => Promise<string | null>;
}

/** Sunday 2026-01-04 and the six days after it: the weekday names in the agent's language. */
export function weekdayName(day: number, lang: string = locale): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + day));
}

/** "Open now" or "Closed, opens Mon 09:00", in the hours' own zone. */
export function openingText(hours: BusinessHours | null | undefined, at: number): string {
  const state = openingState(hours, at);
  if (state.open) return t('hours.openNow');
  if (state.reopensAt === null || !hours) return t('hours.closedForGood');
  return t('hours.closedUntil', { when: formatOpening(state.reopensAt, hours.timeZone, locale) });
}

/** Weekly opening hours: a time zone, and per weekday closed or one or more opening windows. */
export function HoursEditor({ idPrefix, hours, mode, siteHours, legend, onSave }: Props) {
  const [form, setForm] = useState<HoursForm>(() => formFromHours(hours, browserTimeZone()));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const box = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals) box.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }, [refusals]);
  const zones = useMemo(() => timeZones(form.timeZone), [form.timeZone]);

  const change = (next: HoursForm) => {
    setForm(next);
    setSaved(false);
  };
  const changeDay = (day: number, patch: Partial<DayForm>) =>
    change({ ...form, days: form.days.map((d, i) => (i === day ? { ...d, ...patch } : d)) });

  const problems = hoursProblems(form);
  const tooMany = !form.alwaysOpen && windowCount(form) > MAX_WINDOWS;
  const shown = tried ? problems : [];
  const problemAt = (day: number, index: number) => shown.find((p) => p.day === day && p.index === index);
  // The feedback follows the form as typed; a form with problems has no meaningful state yet.
  const effective = form.alwaysOpen ? (mode === 'team' ? siteHours : null) : problems.length ? undefined : hoursFromForm(form);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || tooMany) {
      setError(tooMany ? t('hours.tooMany', { max: MAX_WINDOWS }) : t('hours.invalid'));
      setRefusals((n) => n + 1);
      return;
    }
    setSaving(true);
    setSaved(false);
    setError(null);
    const failure = await onSave(hoursFromForm(form));
    setSaving(false);
    if (failure) setError(failure);
    else setSaved(true);
  };

  const noHoursLabel = mode === 'site' ? t('hours.alwaysOpen') : t('hours.teamSite');
  return (
    <form ref={box} class="hours-editor" data-part={`hours-editor-${mode}`} onSubmit={(e) => void onSubmit(e)} aria-busy={saving} noValidate>
      <fieldset class="settings-form__group">
        <legend>{legend}</legend>
        <p class="hint settings-form__explain">{t('hours.hint')}</p>
        {mode === 'site' ? (
          <label class="check">
            <input type="checkbox" name="always-open" checked={form.alwaysOpen} onChange={(e) => change({ ...form, alwaysOpen: e.currentTarget.checked })} />
            {noHoursLabel}
          </label>
        ) : (
          <div class="hours-editor__choice" role="radiogroup" aria-label={legend}>
            <label class="check">
              <input type="radio" name={`${idPrefix}-source`} value="site" checked={form.alwaysOpen} onChange={() => change({ ...form, alwaysOpen: true })} />
              {noHoursLabel}
            </label>
            <label class="check">
              <input type="radio" name={`${idPrefix}-source`} value="own" checked={!form.alwaysOpen} onChange={() => change({ ...form, alwaysOpen: false })} />
              {t('hours.teamOwn')}
            </label>
          </div>
        )}
        {effective !== undefined && (
          <p class={`hours-editor__state chip ${openingState(effective, now.value).open ? 'chip--ok' : 'chip--muted'}`} data-part="opening-state">
            {openingText(effective, now.value)}
          </p>
        )}
        {!form.alwaysOpen && (
          <>
            <div class="hours-editor__row">
              <label class="field">
                {t('hours.timeZone')}
                <select name="time-zone" value={form.timeZone} onChange={(e) => change({ ...form, timeZone: e.currentTarget.value })}>
                  {zones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" class="button" data-action="copy-monday" onClick={() => change(copyMondayToWeekdays(form))}>
                {t('hours.copyMonday')}
              </button>
            </div>
            <p class="field-hint">{t('hours.midnightHint')}</p>
            <div class="hours-editor__days">
              {WEEK_ORDER.map((day) => (
                <DayRow
                  key={day}
                  idPrefix={`${idPrefix}-${day}`}
                  day={day}
                  value={form.days[day]!}
                  problemAt={(index) => problemAt(day, index)}
                  onChange={(patch) => changeDay(day, patch)}
                />
              ))}
            </div>
          </>
        )}
      </fieldset>
      {error && (
        <p class="form-error" role="alert" data-part="hours-error">
          {error}
        </p>
      )}
      <div class="settings-form__actions">
        <button type="submit" class="button button--primary" data-action="save-hours" disabled={saving}>
          {saving ? t('settings.saving') : t('hours.save')}
        </button>
        {saved && (
          <span class="settings-form__saved" role="status" data-part="hours-saved">
            {t('hours.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

interface DayProps {
  idPrefix: string;
  day: number;
  value: DayForm;
  problemAt: (index: number) => HoursProblem | undefined;
  onChange: (patch: Partial<DayForm>) => void;
}

function DayRow({ idPrefix, day, value, problemAt, onChange }: DayProps) {
  const name = weekdayName(day);
  const setWindow = (index: number, patch: Partial<DayForm['windows'][number]>) =>
    onChange({ windows: value.windows.map((w, i) => (i === index ? { ...w, ...patch } : w)) });
  return (
    <fieldset class={`hours-editor__day${value.open ? '' : ' is-closed'}`} data-part="hours-day" data-day={day}>
      <legend>{name}</legend>
      <label class="check hours-editor__open">
        <input type="checkbox" name="day-open" checked={value.open} onChange={(e) => onChange({ open: e.currentTarget.checked })} />
        {t('hours.open')}
      </label>
      {value.open && (
        <ul class="hours-editor__windows">
          {value.windows.map((w, index) => {
            const problem = problemAt(index);
            const messageId = `${idPrefix}-w${index}-problem`;
            const invalid = problem !== undefined;
            return (
              <li key={index} class="hours-editor__window" data-part="hours-window">
                <label class="field">
                  {t('hours.opens')}
                  <input
                    type="time"
                    name="opens"
                    value={w.open}
                    aria-invalid={invalid}
                    aria-describedby={invalid ? messageId : undefined}
                    onInput={(e) => setWindow(index, { open: e.currentTarget.value })}
                  />
                </label>
                <label class="field">
                  {t('hours.closes')}
                  <input
                    type="time"
                    name="closes"
                    value={w.close}
                    aria-invalid={invalid}
                    aria-describedby={invalid ? messageId : undefined}
                    onInput={(e) => setWindow(index, { close: e.currentTarget.value })}
                  />
                </label>
                {value.windows.length > 1 && (
                  <button
                    type="button"
                    class="button button--ghost"
                    data-action="remove-window"
                    aria-label={t('hours.removeWindow', { from: w.open || '…', to: w.close || '…' })}
                    onClick={() => onChange({ windows: value.windows.filter((_, i) => i !== index) })}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                )}
                {problem && (
                  <p id={messageId} class="form-error hours-editor__problem" data-part="hours-problem">
                    {t(`hours.problem.${problem.problem}` as MessageKey)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {value.open && (
        <button
          type="button"
          class="button button--ghost hours-editor__add"
          data-action="add-window"
          onClick={() => {
            const last = value.windows[value.windows.length - 1];
            onChange({ windows: [...value.windows, { open: last?.close && last.close !== '00:00' ? last.close : '09:00', close: '00:00' }] });
          }}
        >
          {t('hours.addWindow')}
        </button>
      )}
    </fieldset>
  );
}
