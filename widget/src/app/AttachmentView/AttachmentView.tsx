import type { Attachment } from '@causette/shared';
import { formatNumber } from '../../i18n';
import { ta } from '../../i18n/attach';
import { endpoint } from '../../transport/socket';
import { icon } from '../icons';

/** 512 B, 12 kB, 3.4 MB: in the visitor's language and digits (Intl). */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes < 1e3 ? [bytes, 'byte'] : bytes < 1e6 ? [bytes / 1e3, 'kilobyte'] : [bytes / 1e6, 'megabyte'];
  return formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}

const fileIcon = icon('M6 2h8l6 6v14H6zm7 1.5V9h5.5zM8 13h10v1.5H8zm0 3h10v1.5H8z');
const INLINE = /^image\/(png|jpeg|gif|webp)$/;

/**
 * A file in a message. Images: a preview at their own proportions (width and height reserve the space) that opens
 * full size in a new tab. Other files: a card with the name and size that downloads it. Links point at the Causette
 * server the widget came from.
 */
export function AttachmentView({ a }: { a: Attachment }) {
  const href = endpoint.base + a.url;
  return INLINE.test(a.contentType) ? (
    <a class="ai" data-part="attachment-image" href={href} target="_blank" rel="noopener" aria-label={ta('openImage', a.name)}>
      <img src={href} alt={a.name} width={a.width ?? undefined} height={a.height ?? undefined} loading="lazy" />
    </a>
  ) : (
    <a class="fc" data-part="attachment-file" href={href} download={a.name} aria-label={ta('download', a.name)}>
      {fileIcon}
      <span>
        <b>{a.name}</b>
        <small>{formatSize(a.size)}</small>
      </span>
    </a>
  );
}
