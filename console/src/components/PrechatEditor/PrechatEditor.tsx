import type { Site } from '@causette/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/i18n.js';
import {
  fieldProblems,
  formFromSettings,
  MAX_FIELDS,
  move,
  newField,
  prechatUpdate,
  relabel,
  type Ask,
  type FieldForm,
  type FieldProblem,
  type PrechatForm,
} from '../../lib/prechat-form.js';
import { saveSitePatch } from '../../state/site-settings.js';
import './PrechatEditor.css';

const ASKS: readonly Ask[] = ['required', 'optional', 'off'];

/** The admin's editor for what visitors are asked before a chat, whether they rate it after, and whether they may send files. */
export function PrechatEditor({ site }: { site: Site }) {
  const [form, setForm] = useState<PrechatForm>(() => formFromSettings(site.settings));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Bumped by a refused save: once the problems are on screen, the first one gets the focus. */
  const [refusals, setRefusals] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  /** A question just added: its wording field takes the focus as soon as it is in the page (before the next key). */
  const [added, setAdded] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (added) list.current?.querySelector<HTMLInputElement>(`[data-field-key="${added}"] input[name=field-label]`)?.focus();
  }, [added]);
  useEffect(() => {
    if (refusals) list.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }, [refusals]);
  const change = (patch: Partial<PrechatForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const changeField = (key: string, patch: Partial<FieldForm>) =>
    change({ fields: form.fields.map((f) => (f.key === key ? { ...f, ...patch } : f)) });
  const problems = fieldProblems(form);
  const shown = tried ? problems : {};

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length) {
      setError(t('prechat.invalid'));
      setRefusals((n) => n + 1);
      return;
    }
    setSaving(true);
    setSaved(false);
    setError(null);
    const failure = await saveSitePatch(site.id, prechatUpdate(form));
    setSaving(false);
    if (failure) return setError(failure);
    setSaved(true);
    // Saved ids are fixed from now on: relabelling a question must not orphan the answers already stored.
    setForm((current) => ({ ...current, fields: current.fields.map((f) => ({ ...f, saved: true })) }));
  };

  const add = () => {
    const field = newField();
    change({ fields: [...form.fields, field] });
    setAdded(field.key);
  };

  return (
    <form class="settings-form prechat-editor" data-part="prechat-editor" aria-labelledby="prechat-title" onSubmit={(e) => void onSubmit(e)} aria-busy={saving} noValidate>
      <fieldset class="settings-form__group">
        <legend id="prechat-title">{t('prechat.title')}</legend>
        <label class="check">
          <input type="checkbox" name="prechat-enabled" checked={form.enabled} onChange={(e) => change({ enabled: e.currentTarget.checked })} />
          {t('prechat.enabled')}
        </label>
        <p class="hint settings-form__explain">{t('prechat.enabledHint')}</p>
        <div class="prechat-editor__asks">
          {(['name', 'email'] as const).map((which) => (
            <label key={which} class="field">
              {t(`prechat.${which}`)}
              <select name={`prechat-${which}`} value={form[which]} onChange={(e) => change({ [which]: e.currentTarget.value as Ask })}>
                {ASKS.map((ask) => (
                  <option key={ask} value={ask}>
                    {t(`prechat.ask.${ask}`)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <label class="check">
          <input type="checkbox" name="prechat-askTeam" checked={form.askTeam} onChange={(e) => change({ askTeam: e.currentTarget.checked })} />
          {t('prechat.askTeam')}
        </label>
        <h3 class="prechat-editor__subtitle" id="prechat-fields-title">
          {t('prechat.fields')}
        </h3>
        {form.fields.length === 0 && <p class="hint">{t('prechat.noFields')}</p>}
        <ol class="prechat-editor__fields" ref={list} aria-labelledby="prechat-fields-title">
          {form.fields.map((field, index) => (
            <FieldRow
              key={field.key}
              field={field}
              index={index}
              count={form.fields.length}
              problem={shown[field.key]}
              onChange={(patch) => changeField(field.key, patch)}
              onLabel={(label) => change({ fields: relabel(form.fields, field.key, label) })}
              onMove={(by) => change({ fields: move(form.fields, field.key, by) })}
              onRemove={() => change({ fields: form.fields.filter((f) => f.key !== field.key) })}
            />
          ))}
        </ol>
        <div>
          <button type="button" class="button" data-action="add-field" disabled={form.fields.length >= MAX_FIELDS} onClick={add}>
            {t('prechat.addField')}
          </button>
          {form.fields.length >= MAX_FIELDS && <span class="hint prechat-editor__max"> {t('prechat.maxFields', { max: MAX_FIELDS })}</span>}
        </div>
      </fieldset>
      <fieldset class="settings-form__group">
        <legend>{t('prechat.experience')}</legend>
        <label class="check">
          <input type="checkbox" name="csat" checked={form.csat} onChange={(e) => change({ csat: e.currentTarget.checked })} />
          {t('prechat.csat')}
        </label>
        <label class="check">
          <input type="checkbox" name="attachments" checked={form.attachments} onChange={(e) => change({ attachments: e.currentTarget.checked })} />
          {t('prechat.attachments')}
        </label>
      </fieldset>
      {error && (
        <p class="form-error" role="alert" data-part="prechat-error">
          {error}
        </p>
      )}
      <div class="settings-form__actions">
        <button type="submit" class="button button--primary" data-action="save-prechat" disabled={saving}>
          {saving ? t('settings.saving') : t('prechat.save')}
        </button>
        {saved && (
          <span class="settings-form__saved" role="status" data-part="prechat-saved">
            {t('prechat.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

interface RowProps {
  field: FieldForm;
  index: number;
  count: number;
  problem: FieldProblem | undefined;
  onChange: (patch: Partial<FieldForm>) => void;
  onLabel: (label: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function FieldRow({ field, index, count, problem, onChange, onLabel, onMove, onRemove }: RowProps) {
  const base = `prechat-field-${field.key}`;
  const name = field.label.trim() || t('prechat.fieldNumber', { n: index + 1 });
  const labelProblem = problem === 'label' || problem === 'labelLong' || problem === 'id' || problem === 'duplicate';
  const optionsProblem = problem === 'options' || problem === 'optionsMany' || problem === 'optionLong';
  return (
    <li class="prechat-editor__field" data-part="prechat-field" data-field-key={field.key} data-field-id={field.id}>
      <div class="prechat-editor__row">
        <label class="field prechat-editor__grow">
          {t('prechat.fieldLabel')}
          <input
            name="field-label"
            maxLength={80}
            value={field.label}
            aria-invalid={labelProblem}
            aria-describedby={`${base}-id${labelProblem ? ` ${base}-problem` : ''}`}
            onInput={(e) => onLabel(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t('prechat.fieldType')}
          <select name="field-type" value={field.type} onChange={(e) => onChange({ type: e.currentTarget.value as FieldForm['type'] })}>
            <option value="text">{t('prechat.type.text')}</option>
            <option value="select">{t('prechat.type.select')}</option>
          </select>
        </label>
      </div>
      <p id={`${base}-id`} class="field-hint" data-part="field-id">
        {field.id ? t('prechat.storedAs', { id: field.id }) : t('prechat.storedAsPending')}
      </p>
      {field.type === 'select' && (
        <label class="field">
          {t('prechat.options')}
          <textarea
            name="field-options"
            rows={3}
            value={field.options}
            aria-invalid={optionsProblem}
            aria-describedby={optionsProblem ? `${base}-problem` : undefined}
            onInput={(e) => onChange({ options: e.currentTarget.value })}
          />
        </label>
      )}
      <div class="prechat-editor__row prechat-editor__tools">
        <label class="check">
          <input type="checkbox" name="field-required" checked={field.required} onChange={(e) => onChange({ required: e.currentTarget.checked })} />
          {t('prechat.required')}
        </label>
        <span class="prechat-editor__spacer" />
        <button type="button" class="button button--ghost" data-action="move-up" disabled={index === 0} aria-label={t('prechat.moveUp', { name })} onClick={() => onMove(-1)}>
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          class="button button--ghost"
          data-action="move-down"
          disabled={index === count - 1}
          aria-label={t('prechat.moveDown', { name })}
          onClick={() => onMove(1)}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button type="button" class="button button--ghost prechat-editor__remove" data-action="remove-field" aria-label={t('prechat.remove', { name })} onClick={onRemove}>
          {t('prechat.removeShort')}
        </button>
      </div>
      {problem && (
        <p id={`${base}-problem`} class="form-error" data-part="field-problem">
          {t(`prechat.problem.${problem}` as MessageKey)}
        </p>
      )}
    </li>
  );
}
