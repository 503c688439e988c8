import type { Site } from '@causette/shared';
import { VISITOR_TOKEN_DAYS } from '@causette/shared/limits';
import { useEffect, useState } from 'preact/hooks';
import { SiteSelector } from '../../components/SiteSelector/SiteSelector.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { t } from '../../i18n/i18n.js';
import { TeamsEditor } from '../../components/TeamsEditor/TeamsEditor.js';
import { ThemeEditor } from '../../components/ThemeEditor/ThemeEditor.js';
import { PrechatEditor } from '../../components/PrechatEditor/PrechatEditor.js';
import { HoursEditor } from '../../components/HoursEditor/HoursEditor.js';
import { SecuritySettingsEditor } from '../../components/SecuritySettingsEditor/SecuritySettingsEditor.js';
import {
  formFromSettings,
  parseRetentionDays,
  parseVisitorTokenDays,
  parseSlaSeconds,
  RETENTION_MAX_DAYS,
  SLA_MAX_SECONDS,
  type SettingsForm,
} from '../../lib/site-settings-form.js';
import { saveSitePatch, saveSiteSettings } from '../../state/site-settings.js';
import { loadSites, selectedSite, sites, triggersError } from '../../state/triggers.js';
import './Settings.css';

/** The admin's screen for one site at a time: how new chats are routed and how the widget greets visitors. */
export function Settings() {
  useEffect(() => void loadSites(), []);
  const site = selectedSite.value;
  return (
    <div class="shell">
      <TopBar />
      <main class="settings-page">
        <header class="settings-page__head">
          <div>
            <h1>{t('settings.title')}</h1>
            <p class="hint">{t('settings.subtitle')}</p>
          </div>
          <SiteSelector />
        </header>
        <SecuritySettingsEditor />
        {!site && triggersError.value && (
          <p class="form-error" role="alert">
            {triggersError.value}
          </p>
        )}
        {site ? (
          <>
            <SettingsEditor key={site.id} site={site} />
            <ThemeEditor key={`theme-${site.id}`} site={site} />
            <PrechatEditor key={`prechat-${site.id}`} site={site} />
            <HoursEditor
              key={`hours-${site.id}`}
              idPrefix="site-hours"
              mode="site"
              hours={site.settings.hours}
              legend={t('hours.title')}
              onSave={(hours) => saveSitePatch(site.id, { settings: { hours } })}
            />
            <TeamsEditor key={`teams-${site.id}`} siteId={site.id} />
          </>
        ) : (
          !triggersError.value && <p class="hint" role="status">{sites.value.length ? t('settings.noSite') : t('settings.loading')}</p>
        )}
      </main>
    </div>
  );
}

function SettingsEditor({ site }: { site: Site }) {
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(site.settings));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (patch: Partial<SettingsForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const slaInvalid = parseSlaSeconds(form.slaSeconds) === null;
  const retentionInvalid = parseRetentionDays(form.retentionDays) === null;
  const tokenDaysInvalid = parseVisitorTokenDays(form.visitorTokenDays) === null;
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (slaInvalid || retentionInvalid || tokenDaysInvalid) {
      setError(
        slaInvalid
          ? t('settings.slaInvalid', { max: SLA_MAX_SECONDS })
          : retentionInvalid
            ? t('settings.retentionInvalid', { max: RETENTION_MAX_DAYS })
            : t('settings.visitorTokenDaysInvalid', { min: VISITOR_TOKEN_DAYS.min, max: VISITOR_TOKEN_DAYS.max }),
      );
      return;
    }
    setSaving(true);
    setSaved(false);
    setError(null);
    const failure = await saveSiteSettings(site.id, form);
    setSaving(false);
    if (failure) setError(failure);
    else setSaved(true);
  };
  return (
    <form class="settings-form" onSubmit={(e) => void onSubmit(e)} aria-busy={saving} noValidate>
      <fieldset class="settings-form__group">
        <legend>{t('settings.routing')}</legend>
        {(['auto', 'manual'] as const).map((mode) => (
          <label key={mode} class="check">
            <input type="radio" name="routing" value={mode} checked={form.routing === mode} onChange={() => change({ routing: mode })} />
            {t(`settings.routing.${mode}`)}
          </label>
        ))}
        <label class="field settings-form__sla">
          {t('settings.sla')}
          <input
            type="number"
            name="slaSeconds"
            min={0}
            max={SLA_MAX_SECONDS}
            step={1}
            value={form.slaSeconds}
            aria-invalid={slaInvalid}
            aria-describedby="sla-hint"
            onInput={(e) => change({ slaSeconds: e.currentTarget.value })}
          />
          <span id="sla-hint" class="field-hint">
            {t('settings.slaHint')}
          </span>
        </label>
      </fieldset>
      <fieldset class="settings-form__group">
        <legend>{t('settings.widget')}</legend>
        <label class="check">
          <input type="checkbox" name="requireConsent" checked={form.requireConsent} onChange={(e) => change({ requireConsent: e.currentTarget.checked })} />
          {t('settings.requireConsent')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="typingPreview"
            checked={form.typingPreview}
            aria-describedby="typing-preview-hint"
            onChange={(e) => change({ typingPreview: e.currentTarget.checked })}
          />
          {t('settings.typingPreview')}
        </label>
        <p id="typing-preview-hint" class="hint settings-form__explain">
          {t('settings.typingPreviewHint')}
        </p>
      </fieldset>
      <fieldset class="settings-form__group">
        <legend>{t('settings.privacy')}</legend>
        <label class="check">
          <input
            type="checkbox"
            name="requireVerifiedIdentity"
            checked={form.requireVerifiedIdentity}
            aria-describedby="verified-identity-hint"
            onChange={(e) => change({ requireVerifiedIdentity: e.currentTarget.checked })}
          />
          {t('settings.requireVerifiedIdentity')}
        </label>
        <p id="verified-identity-hint" class="hint settings-form__explain">
          {t('settings.requireVerifiedIdentityHint')}
        </p>
        <label class="field">
          {t('settings.retention')}
          <input
            type="number"
            name="retentionDays"
            min={0}
            max={RETENTION_MAX_DAYS}
            step={1}
            value={form.retentionDays}
            aria-invalid={retentionInvalid}
            aria-describedby="retention-hint"
            onInput={(e) => change({ retentionDays: e.currentTarget.value })}
          />
          <span id="retention-hint" class="field-hint">
            {t('settings.retentionHint')}
          </span>
        </label>
        <label class="field">
          {t('settings.visitorTokenDays')}
          <input
            type="number"
            name="visitorTokenDays"
            min={VISITOR_TOKEN_DAYS.min}
            max={VISITOR_TOKEN_DAYS.max}
            step={1}
            value={form.visitorTokenDays}
            aria-invalid={tokenDaysInvalid}
            aria-describedby="visitor-token-days-hint"
            onInput={(e) => change({ visitorTokenDays: e.currentTarget.value })}
          />
          <span id="visitor-token-days-hint" class="field-hint">
            {t('settings.visitorTokenDaysHint')}
          </span>
        </label>
      </fieldset>
      {error && (
        <p class="form-error" role="alert" data-test="settings-error">
          {error}
        </p>
      )}
      <div class="settings-form__actions">
        <button type="submit" class="button button--primary" data-test="save-settings" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
        {saved && (
          <span class="settings-form__saved" role="status" data-test="settings-saved">
            {t('settings.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
