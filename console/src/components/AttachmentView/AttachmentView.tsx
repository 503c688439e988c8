import type { Attachment } from '@causette/shared';
import { locale, t } from '../../i18n/i18n.js';
import './AttachmentView.css';

/** 512 byte, 12 kB, 3.4 MB in the agent's language (Intl). */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes < 1e3 ? [bytes, 'byte'] : bytes < 1e6 ? [bytes / 1e3, 'kilobyte'] : [bytes / 1e6, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

const INLINE = /^image\/(png|jpeg|gif|webp)$/;

/** An image as a preview of its own proportions (opens full size in a new tab); any other file as a download card. */
export function AttachmentView({ attachment: a }: { attachment: Attachment }) {
  return INLINE.test(a.contentType) ? (
    <a class="attachment attachment--image" data-test="attachment-image" href={a.url} target="_blank" rel="noopener noreferrer" aria-label={t('attach.openImage', { name: a.name })}>
      <img src={a.url} alt={a.name} width={a.width ?? undefined} height={a.height ?? undefined} loading="lazy" />
    </a>
  ) : (
    <a class="attachment attachment--file" data-test="attachment-file" href={a.url} download={a.name} aria-label={t('attach.download', { name: a.name })}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 2h8l6 6v14H6zm7 1.5V9h5.5zM8 13h10v1.5H8zm0 3h10v1.5H8z" />
      </svg>
      <span class="attachment__text">
        <span class="attachment__name">{a.name}</span>
        <span class="attachment__size">{formatSize(a.size)}</span>
      </span>
    </a>
  );
}
