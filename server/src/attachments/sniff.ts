import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

/** What a file is, as its bytes say. */
export interface Sniffed {
  contentType: string;
  width: number | null;
  height: number | null;
}

/** Binary types accepted, as file-type names them. */
const BINARY_ALLOWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);
/** Images shown inline (previews); every other type is only ever downloaded. */
export const INLINE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** A human list of what is accepted, for the 415's message. */
export const ALLOWED_DESCRIPTION = 'PNG, JPEG, GIF or WebP images, PDF documents and plain text (or CSV)';

/**
 * The file's type from its first bytes (`head`; `complete` when it is the whole file), never from its name or the
 * type the uploader claimed. Null when the type is not on the allow-list.
 *
 * Text is accepted when it is valid UTF-8 without control characters (other than tab, line and page breaks), and
 * does not begin with markup: a browser sniffing HTML, SVG or XML starts from a leading `<`, so such a file is
 * refused rather than trusted to the headers that serve it.
 */
export async function sniff(head: Uint8Array, complete: boolean, name: string): Promise<Sniffed | null> {
  if (head.length === 0) return null;
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    if (!BINARY_ALLOWED.has(detected.mime)) return null;
    let width: number | null = null;
    let height: number | null = null;
    if (INLINE_TYPES.has(detected.mime)) {
      try {
        const size = imageSize(head);
        // As it is shown: a photo stored on its side with an orientation of 5–8 (Exif) is turned a quarter.
        const turned = (size.orientation ?? 1) >= 5;
        if (size.width > 0 && size.height > 0) [width, height] = turned ? [size.height, size.width] : [size.width, size.height];
      } catch {
        // Dimensions beyond the head (a JPEG with a large EXIF block): shown without a reserved box.
      }
    }
    return { contentType: detected.mime, width, height };
  }
  if (!isPlainText(head, complete)) return null;
  // The name only chooses between two kinds of text once the bytes are known to be text.
  return { contentType: /\.csv$/i.test(name) ? 'text/csv' : 'text/plain', width: null, height: null };
}

function isPlainText(head: Uint8Array, complete: boolean): boolean {
  let bytes = head;
  // A head cut inside a multi-byte character: drop the partial character at the end.
  if (!complete) {
    let cut = bytes.length;
    for (let back = 1; back <= 3 && cut - back >= 0; back++) {
      const b = bytes[cut - back]!;
      if ((b & 0xc0) === 0xc0) {
        cut -= back;
        break;
      }
      if ((b & 0x80) === 0) break;
    }
    bytes = bytes.subarray(0, cut);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !text.replace(/^\uFEFF/, '').trimStart().startsWith('<');
}
