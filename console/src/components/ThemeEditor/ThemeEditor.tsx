import type { Site } from '@causette/shared';
import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { saveTheme } from './save-theme.js';
import {
  contrastRatio,
  contrastWarnings,
  GREETING_MAX,
  LAUNCHER_TEXT_MAX,
  parseHex,
  textOn,
  themeFromSettings,
  validLauncherIcon,
  WIDGET_LANGUAGES,
  type ThemeForm,
} from './theme-form.js';
import { ThemePreview } from './ThemePreview.js';
import './ThemeEditor.css';

const ratio = (n: number) => (Math.floor(n * 10) / 10).toFixed(1);

/**
 * "Widget appearance": the brand colour, corner, launcher text, greeting, dark mode, agents' faces and language of
 * one site's widget, with a live preview beside the form that follows every keystroke before anything is saved.
 */
export function ThemeEditor({ site }: { site: Site }) {
  const [form, setForm] = useState<ThemeForm>(() => themeFromSettings(site.settings));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (patch: Partial<ThemeForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const hex = parseHex(form.color);
  const warnings = hex ? contrastWarnings(hex, form.darkMode) : [];
  const schemes = form.darkMode === 'auto' ? (['light', 'dark'] as const) : ([form.darkMode] as const);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!hex) {
      setError(t('theme.colorInvalid'));
      return;
    }
    if (!validLauncherIcon(form.launcherIcon)) {
      setError(t('theme.launcherIconInvalid'));
      return;
    }
    setSaving(true);
    setSaved(false);
    setError(null);
    const failure = await saveTheme(site.id, form);
    setSaving(false);
    if (failure) setError(failure);
    else setSaved(true);
  };

  return (
    <section class="theme-editor settings-form__group" aria-labelledby="theme-editor-title" data-test="theme-editor">
      <h2 id="theme-editor-title" class="theme-editor__title">
        {t('theme.title')}
      </h2>
      <p class="hint">{t('theme.hint')}</p>
      <div class="theme-editor__body">
        <form class="theme-editor__form" onSubmit={(e) => void onSubmit(e)} aria-busy={saving} noValidate>
          <div class="theme-editor__color">
            <label class="field">
              {t('theme.color')}
              <input
                type="color"
                name="themeColor"
                value={hex ?? '#4f46e5'}
                onInput={(e) => change({ color: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              {t('theme.colorHex')}
              <input
                name="themeColorHex"
                value={form.color}
                maxLength={7}
                spellcheck={false}
                autocomplete="off"
                aria-invalid={!hex}
                aria-describedby="theme-color-status"
                onInput={(e) => change({ color: e.currentTarget.value })}
              />
            </label>
          </div>
          <div id="theme-color-status">
            {!hex ? (
              <p class="form-error" data-test="theme-color-invalid">
                {t('theme.colorInvalid')}
              </p>
            ) : (
              <>
                <p class="field-hint" data-test="theme-text-on">
                  {t('theme.textOn', {
                    color: t(textOn(hex) === '#ffffff' ? 'theme.white' : 'theme.black'),
                    ratio: ratio(contrastRatio(hex, textOn(hex))),
                  })}
                </p>
                {warnings.map((w) => (
                  <p key={w.scheme} class="theme-editor__warning" data-test="theme-contrast-warning">
                    {t(w.scheme === 'light' ? 'theme.lowContrast.light' : 'theme.lowContrast.dark', { ratio: ratio(w.ratio) })}
                  </p>
                ))}
              </>
            )}
          </div>
          <fieldset class="theme-editor__choices">
            <legend>{t('theme.position')}</legend>
            {(['auto', 'right', 'left'] as const).map((side) => (
              <label key={side} class="check">
                <input
                  type="radio"
                  name="themePosition"
                  value={side}
                  checked={(form.position ?? 'auto') === side}
                  onChange={() => change({ position: side === 'auto' ? undefined : side })}
                />
                {t(`theme.position.${side}`)}
              </label>
            ))}
          </fieldset>
          <label class="field">
            {t('theme.launcherText')}
            <input
              name="launcherText"
              maxLength={LAUNCHER_TEXT_MAX}
              value={form.launcherText}
              aria-describedby="theme-launcher-hint"
              onInput={(e) => change({ launcherText: e.currentTarget.value })}
            />
            <span id="theme-launcher-hint" class="field-hint">
              {t('theme.launcherTextHint')}
            </span>
          </label>
          <label class="field">
            {t('theme.launcherIcon')}
            <input
              type="url"
              name="launcherIcon"
              maxLength={500}
              placeholder="https://"
              value={form.launcherIcon}
              aria-invalid={!validLauncherIcon(form.launcherIcon)}
              aria-describedby="theme-launcher-icon-hint"
              onInput={(e) => change({ launcherIcon: e.currentTarget.value })}
            />
            <span id="theme-launcher-icon-hint" class="field-hint">
              {validLauncherIcon(form.launcherIcon) ? t('theme.launcherIconHint') : t('theme.launcherIconInvalid')}
            </span>
          </label>
          <label class="field">
            {t('theme.greeting')}
            <input name="greeting" maxLength={GREETING_MAX} value={form.greeting} onInput={(e) => change({ greeting: e.currentTarget.value })} />
          </label>
          <label class="field">
            {t('theme.darkMode')}
            <select
              name="darkMode"
              value={form.darkMode}
              onChange={(e) => change({ darkMode: e.currentTarget.value as ThemeForm['darkMode'] })}
            >
              {(['auto', 'light', 'dark'] as const).map((mode) => (
                <option key={mode} value={mode}>
                  {t(`theme.darkMode.${mode}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              name="showAgentAvatars"
              checked={form.showAgentAvatars}
              onChange={(e) => change({ showAgentAvatars: e.currentTarget.checked })}
            />
            {t('theme.avatars')}
          </label>
          <label class="field">
            {t('theme.language')}
            <select
              name="widgetLanguage"
              value={form.language}
              aria-describedby="theme-language-hint"
              onChange={(e) => change({ language: e.currentTarget.value })}
            >
              <option value="">{t('theme.language.page')}</option>
              {WIDGET_LANGUAGES.map((tag) => (
                <option key={tag} value={tag} lang={tag}>
                  {t(`theme.language.${tag}`)}
                </option>
              ))}
              {/* A tag set through the API that the console does not list stays selectable as it is. */}
              {form.language && !(WIDGET_LANGUAGES as readonly string[]).includes(form.language) && (
                <option value={form.language}>{form.language}</option>
              )}
            </select>
            <span id="theme-language-hint" class="field-hint">
              {t('theme.languageHint')}
            </span>
          </label>
          {error && (
            <p class="form-error" role="alert" data-test="theme-error">
              {error}
            </p>
          )}
          <div class="settings-form__actions">
            <button type="submit" class="button button--primary" data-test="save-theme" disabled={saving}>
              {saving ? t('theme.saving') : t('theme.save')}
            </button>
            {saved && (
              <span class="settings-form__saved" role="status" data-test="theme-saved">
                {t('theme.saved')}
              </span>
            )}
          </div>
        </form>
        <div class="theme-editor__previews" data-test="theme-previews">
          <h3 class="theme-editor__subtitle">{t('theme.preview')}</h3>
          {schemes.map((scheme) => (
            <figure key={scheme} class="theme-editor__figure">
              <figcaption>{t(scheme === 'light' ? 'theme.preview.light' : 'theme.preview.dark')}</figcaption>
              <ThemePreview form={form} scheme={scheme} />
            </figure>
          ))}
        </div>
      </div>
    </section>
  );
}
