import { t } from '../../i18n/i18n.js';
import './TeaserPreview.css';

export interface TeaserPreviewProps {
  text: string;
  senderName: string;
  siteName: string;
  color: string;
}

/** The teaser as the widget draws it: a bubble above the launcher, signed by the sender or the site. */
export function TeaserPreview({ text, senderName, siteName, color }: TeaserPreviewProps) {
  const sender = senderName.trim() || siteName;
  return (
    <figure class="teaser-preview" data-test="teaser-preview" style={{ '--c': color }} aria-label={t('editor.preview')}>
      <div class="teaser-preview__bubble">
        <span class="teaser-preview__close" aria-hidden="true">
          ×
        </span>
        <div class="teaser-preview__sender">
          <span class="teaser-preview__avatar" aria-hidden="true">
            {(sender.trim()[0] ?? '?').toUpperCase()}
          </span>
          <b data-test="preview-sender">{sender}</b>
        </div>
        <p class={`teaser-preview__text${text.trim() ? '' : ' is-empty'}`} data-test="preview-text">
          {text.trim() || t('editor.previewEmpty')}
        </p>
      </div>
      <div class="teaser-preview__launcher" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="24" height="24" fill="currentColor">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
      </div>
    </figure>
  );
}
