import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ConditionBuilder } from '../../components/ConditionBuilder/ConditionBuilder.js';
import { TeaserPreview } from '../../components/TeaserPreview/TeaserPreview.js';
import { TestPanel } from '../../components/TestPanel/TestPanel.js';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { problemPlace, problemText } from '../../lib/problem-text.js';
import { newVariant, type TriggerDraft, type VariantDraft } from '../../lib/trigger-form.js';
import { draft, editDraft, editingId, openDraft, problems, saveDraft, savedAt, saving, serverError, showProblems } from '../../state/trigger-editor.js';
import { loadTeams, teamsBySite } from '../../state/teams.js';
import { canEditTriggers, selectedSite } from '../../state/triggers.js';
import './TriggerEditor.css';

const DAYS = [1, 2, 3, 4, 5, 6, 0];

/** The form for one trigger (or a new one), its teaser preview and the test panel. */
export function TriggerEditor({ id, siteId }: { id: string | null; siteId: string }) {
  useEffect(() => {
    // After saving a new trigger the URL gains its id, but this is still the same draft.
    if (id === null || id !== editingId.peek()) openDraft(id);
  }, [id]);
  useEffect(() => () => void (editingId.value = null), []);
  useEffect(() => void loadTeams(siteId), [siteId]);

  const d = draft.value;
  const edit = (patch: Partial<TriggerDraft>) => editDraft((current) => ({ ...current, ...patch }));
  const found = showProblems.value ? problems.value : {};
  const server = serverError.value;
  const messageFor = (key: string): string | undefined => (found[key] ? problemText(found[key]) : server?.key === key ? server.message : undefined);
  const conditionMessages: Record<string, string> = {};
  for (const key of Object.keys(found)) {
    if (key === 'conditions') conditionMessages[''] = problemText(found[key]!);
    else if (key.startsWith('conditions.')) conditionMessages[key.slice('conditions.'.length)] = problemText(found[key]!);
  }
  if (server?.key?.startsWith('conditions.')) conditionMessages[server.key.slice('conditions.'.length)] = server.message;

  const submit = (event: Event) => {
    event.preventDefault();
    void saveDraft();
  };

  return (
    <div class="editor-layout">
      <form class="card editor" onSubmit={submit} noValidate aria-labelledby="editor-title">
        <h2 id="editor-title">{id ? t('editor.titleEdit') : t('editor.titleNew')}</h2>
        <fieldset class="editor__fields" disabled={!canEditTriggers.value}>
          <div class="editor__row">
            <Field label={t('editor.name')} message={messageFor('name')} grow>
              <input name="trigger-name" value={d.name} maxLength={128} required onInput={(e) => edit({ name: e.currentTarget.value })} />
            </Field>
            <Field label={t('editor.priority')} message={messageFor('priority')} hint={t('editor.priorityHint')}>
              <input name="priority" type="number" min={0} max={1000} step={1} value={d.priority} onInput={(e) => edit({ priority: e.currentTarget.value })} />
            </Field>
            <label class="check">
              <input name="active" type="checkbox" checked={d.status === 'active'} onChange={(e) => edit({ status: e.currentTarget.checked ? 'active' : 'paused' })} />
              {t('editor.active')}
            </label>
          </div>

          <section class="editor__section">
            <ConditionBuilder tree={d.tree} onChange={(tree) => edit({ tree })} messages={conditionMessages} />
          </section>

          <section class="editor__section" aria-labelledby="variants-title">
            <h3 id="variants-title">{t('editor.variants')}</h3>
            <ol class="variants">
              {d.variants.map((variant, i) => (
                <VariantEditor
                  key={variant.id}
                  variant={variant}
                  index={i}
                  removable={d.variants.length > 1}
                  messageFor={messageFor}
                  onChange={(patch) => edit({ variants: d.variants.map((v, k) => (k === i ? { ...v, ...patch } : v)) })}
                  onRemove={() => edit({ variants: d.variants.filter((_, k) => k !== i) })}
                />
              ))}
            </ol>
            {messageFor('weights') && <p class="field-error">{messageFor('weights')}</p>}
            <div class="editor__row">
              {d.variants.length < 5 && (
                <button type="button" class="button" data-test="add-variant" onClick={() => edit({ variants: [...d.variants, newVariant(d.variants)] })}>
                  + {t('editor.addVariant')}
                </button>
              )}
              <Field label={t('editor.holdout')} message={messageFor('holdout')} hint={t('editor.holdoutHint')}>
                <input name="holdout" type="number" min={0} max={50} step={1} value={d.holdout} onInput={(e) => edit({ holdout: e.currentTarget.value })} />
              </Field>
            </div>
          </section>

          <section class="editor__section" aria-labelledby="delivery-title">
            <h3 id="delivery-title">{t('editor.delivery')}</h3>
            <div class="editor__row">
              <Field label={t('editor.frequency')}>
                <select name="frequency" value={d.frequency} onChange={(e) => edit({ frequency: e.currentTarget.value as TriggerDraft['frequency'] })}>
                  <option value="visitor">{t('editor.freq.visitor')}</option>
                  <option value="session">{t('editor.freq.session')}</option>
                  <option value="days">{t('editor.freq.days')}</option>
                </select>
              </Field>
              {d.frequency === 'days' && (
                <Field label={t('editor.frequencyDays')} message={messageFor('frequencyDays')}>
                  <input name="frequency-days" type="number" min={1} max={365} value={d.frequencyDays} onInput={(e) => edit({ frequencyDays: e.currentTarget.value })} />
                </Field>
              )}
              <Field label={t('editor.delay')} message={messageFor('delay')}>
                <input name="delay" type="number" min={0} max={600} step={1} value={d.delay} onInput={(e) => edit({ delay: e.currentTarget.value })} />
              </Field>
              <TeamField siteId={siteId} teamId={d.teamId} onChange={(teamId) => edit({ teamId })} />
            </div>
            <label class="check">
              <input name="agent-available" type="checkbox" checked={d.onlyWhenAgentAvailable} onChange={(e) => edit({ onlyWhenAgentAvailable: e.currentTarget.checked })} />
              {t('editor.agentAvailable')}
            </label>
            <label class="check">
              <input name="open-panel" type="checkbox" checked={d.openPanel} onChange={(e) => edit({ openPanel: e.currentTarget.checked })} />
              {t('editor.openPanel')}
            </label>
            <label class="check">
              <input name="scheduled" type="checkbox" checked={d.scheduled} onChange={(e) => edit({ scheduled: e.currentTarget.checked })} />
              {t('editor.schedule')}
            </label>
            {d.scheduled && <ScheduleFields d={d} edit={edit} messageFor={messageFor} />}
          </section>
        </fieldset>

        <FormErrors variantIds={d.variants.map((v) => v.id)} />
        <div class="editor__actions">
          <button type="submit" class="button button--primary" data-test="save-trigger" disabled={saving.value || !canEditTriggers.value}>
            {saving.value ? t('editor.saving') : t('editor.save')}
          </button>
          <span class="editor__saved" role="status">
            {savedAt.value ? t('editor.saved') : ''}
          </span>
        </div>
      </form>
      <aside class="editor-aside">
        <PreviewCard variants={d.variants} />
        <TestPanel siteId={siteId} triggerId={id} />
      </aside>
    </div>
  );
}

/** A team deleted since the trigger was saved still shows, so saving does not silently change the routing. */
function TeamField({ siteId, teamId, onChange }: { siteId: string; teamId: string; onChange: (teamId: string) => void }) {
  const teams = teamsBySite.value[siteId] ?? [];
  const unknown = teamId !== '' && !teams.some((team) => team.id === teamId);
  return (
    <Field label={t('editor.team')} hint={t('editor.teamHint')}>
      <select name="team" data-part="trigger-team" value={teamId} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('editor.teamNone')}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
        {unknown && <option value={teamId}>{teamId}</option>}
      </select>
    </Field>
  );
}

function Field({ label, message, hint, grow, children }: { label: string; message?: string; hint?: string; grow?: boolean; children: ComponentChildren }) {
  return (
    <div class={`field${grow ? ' field--grow' : ''}${message ? ' has-error' : ''}`}>
      <label>
        {label}
        {children}
      </label>
      {hint && !message && <span class="field-hint">{hint}</span>}
      {message && (
        <p class="field-error" data-test="field-error">
          {message}
        </p>
      )}
    </div>
  );
}

interface VariantProps {
  variant: VariantDraft;
  index: number;
  removable: boolean;
  messageFor: (key: string) => string | undefined;
  onChange: (patch: Partial<VariantDraft>) => void;
  onRemove: () => void;
}

function VariantEditor({ variant, index, removable, messageFor, onChange, onRemove }: VariantProps) {
  const key = (field: string) => `variants.${index}.${field}`;
  return (
    <li class="variant" data-test="variant" data-id={variant.id}>
      <div class="variant__head">
        <strong>{t('editor.variant', { id: variant.id })}</strong>
        {removable && (
          <button type="button" class="button button--ghost" aria-label={t('editor.removeVariant', { id: variant.id })} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      <Field label={t('editor.message')} message={messageFor(key('message'))}>
        <textarea name="message" rows={3} maxLength={500} value={variant.message} onInput={(e) => onChange({ message: e.currentTarget.value })} />
      </Field>
      <div class="editor__row">
        <Field label={t('editor.sender')} message={messageFor(key('sender'))} hint={t('editor.senderHint')} grow>
          <input name="sender" maxLength={64} value={variant.sender} onInput={(e) => onChange({ sender: e.currentTarget.value })} />
        </Field>
        <Field label={t('editor.weight')} message={messageFor(key('weight'))}>
          <input name="weight" type="number" min={0} max={100} step={1} value={variant.weight} onInput={(e) => onChange({ weight: e.currentTarget.value })} />
        </Field>
      </div>
    </li>
  );
}

function ScheduleFields({ d, edit, messageFor }: { d: TriggerDraft; edit: (patch: Partial<TriggerDraft>) => void; messageFor: (key: string) => string | undefined }) {
  const toggleDay = (day: number, on: boolean) => edit({ days: on ? [...d.days, day] : d.days.filter((x) => x !== day) });
  return (
    <div class="schedule">
      <fieldset class="schedule__days">
        <legend>{t('editor.days')}</legend>
        {DAYS.map((day) => (
          <label key={day} class="schedule__day">
            <input type="checkbox" name="day" value={day} checked={d.days.includes(day)} onChange={(e) => toggleDay(day, e.currentTarget.checked)} />
            {t(`day.${day}` as MessageKey)}
          </label>
        ))}
        {messageFor('days') && <p class="field-error">{messageFor('days')}</p>}
      </fieldset>
      <div class="editor__row">
        <Field label={t('editor.start')} message={messageFor('start')}>
          <input name="start" type="time" value={d.start} onInput={(e) => edit({ start: e.currentTarget.value })} />
        </Field>
        <Field label={t('editor.end')} message={messageFor('end')}>
          <input name="end" type="time" value={d.end} onInput={(e) => edit({ end: e.currentTarget.value })} />
        </Field>
        <Field label={t('editor.timeZone')} message={messageFor('timeZone')} grow>
          <input name="time-zone" value={d.timeZone} placeholder="Europe/Paris" onInput={(e) => edit({ timeZone: e.currentTarget.value })} />
        </Field>
      </div>
    </div>
  );
}

/** One place that lists everything blocking the save, client-side or from the server. */
function FormErrors({ variantIds }: { variantIds: readonly string[] }) {
  const found = showProblems.value ? Object.entries(problems.value) : [];
  const server = serverError.value;
  if (found.length === 0 && !server) return null;
  return (
    <div class="form-error" role="alert" data-test="form-error">
      {server && <p>{server.message}</p>}
      {found.length > 0 && (
        <>
          <p>{t('editor.fix')}</p>
          <ul>
            {found.map(([key, problem]) => (
              <li key={key}>
                {problemPlace(key, variantIds)}: {problemText(problem)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PreviewCard({ variants }: { variants: readonly VariantDraft[] }) {
  const [index, setIndex] = useState(0);
  const shown = variants[Math.min(index, variants.length - 1)] ?? variants[0];
  const site = selectedSite.value;
  return (
    <section class="card" aria-labelledby="preview-title">
      <div class="preview-head">
        <h2 id="preview-title">{t('editor.preview')}</h2>
        {variants.length > 1 && (
          <div class="preview-tabs" role="tablist">
            {variants.map((v, i) => (
              <button key={v.id} type="button" role="tab" aria-selected={v === shown} class={`preview-tab${v === shown ? ' is-current' : ''}`} onClick={() => setIndex(i)}>
                {v.id}
              </button>
            ))}
          </div>
        )}
      </div>
      <TeaserPreview text={shown?.message ?? ''} senderName={shown?.sender ?? ''} siteName={site?.name ?? 'Causette'} color={site?.settings.color ?? '#4f46e5'} />
    </section>
  );
}
