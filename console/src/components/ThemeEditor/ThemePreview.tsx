import { locale, translate, type Locale, type MessageKey } from '../../i18n/i18n.js';
import { parseHex, textOn, validLauncherIcon, type ThemeForm } from './theme-form.js';

/**
 * A faithful mock of the widget in one colour scheme: the launcher (with its text) in the chosen corner and the
 * open panel (header with the agent's face, the greeting, an agent's message with their avatar, a visitor's
 * message, the composer), drawn by the same custom properties the widget takes (`--causette-accent`,
 * `--causette-accent-text`) and the widget's light or dark palette. Static: nothing in it can be focused.
 */
export function ThemePreview({ form, scheme }: { form: ThemeForm; scheme: 'light' | 'dark' }) {
  // The last valid colour stays while the hex field holds half a code.
  const accent = parseHex(form.color) ?? '#4f46e5';
  // The widget's words in the widget's language when the site picks one, else the agent's own.
  const lang: Locale = form.language === 'en' || form.language === 'fr' ? form.language : locale;
  const w = (key: MessageKey) => translate(lang, key);
  const agent = w('theme.preview.agent');
  const side = form.position ?? 'right';
  const launcherText = form.launcherText.trim();
  const launcherIcon = validLauncherIcon(form.launcherIcon) ? form.launcherIcon.trim() : '';
  return (
    <div
      class={`theme-preview theme-preview--${scheme} theme-preview--${side}`}
      data-test={`theme-preview-${scheme}`}
      data-position={side}
      style={{ '--causette-accent': accent, '--causette-accent-text': textOn(accent) }}
      lang={lang}
      aria-hidden="true"
    >
      <div class="theme-preview__panel" data-test="preview-panel">
        <div class="theme-preview__header" data-test="preview-header">
          {form.showAgentAvatars && (
            <span class="theme-preview__avatar" data-test="preview-avatar">
              {agent.charAt(0)}
            </span>
          )}
          <b>{agent}</b>
          <span class="theme-preview__close">×</span>
        </div>
        <ol class="theme-preview__messages">
          {form.greeting.trim() && (
            <li class="theme-preview__bubble" data-test="preview-greeting">
              {form.greeting.trim()}
            </li>
          )}
          <li class={`theme-preview__bubble${form.showAgentAvatars ? ' theme-preview__bubble--face' : ''}`}>
            {form.showAgentAvatars && (
              <span class="theme-preview__avatar theme-preview__avatar--small" data-test="preview-avatar">
                {agent.charAt(0)}
              </span>
            )}
            {w('theme.preview.agentMessage')}
          </li>
          <li class="theme-preview__bubble theme-preview__bubble--visitor" data-test="preview-visitor">
            {w('theme.preview.visitorMessage')}
          </li>
        </ol>
        <div class="theme-preview__composer">
          <span class="theme-preview__input">{w('theme.preview.placeholder')}</span>
          <span class="theme-preview__send">
            <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor">
              <path d="M3 20.5 21 12 3 3.5V10l12 2-12 2z" />
            </svg>
          </span>
        </div>
      </div>
      <div class={`theme-preview__launcher${launcherText ? ' theme-preview__launcher--text' : ''}`} data-test="preview-launcher">
        {launcherIcon ? (
          <img class="theme-preview__launcher-icon" src={launcherIcon} alt="" data-test="preview-launcher-icon" />
        ) : (
          <svg viewBox="0 0 24 24" width="24" height="24" fill="currentColor">
            <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
          </svg>
        )}
        {launcherText && <span data-test="preview-launcher-text">{launcherText}</span>}
      </div>
    </div>
  );
}
