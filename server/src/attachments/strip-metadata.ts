/**
 * Photos from phones carry metadata a chat has no use for and a visitor may not mean to share: where the photo
 * was taken (GPS), the device, the owner's name, editing history. This stream removes it from JPEG files as they
 * are stored: the Exif, XMP and IPTC segments and comments. One thing in Exif changes how the picture looks, its
 * orientation (a portrait photo is often stored on its side): it is kept, written back as a minimal Exif segment.
 * Everything else (colour profile, JFIF, the image itself) passes unchanged, and a file that is not a JPEG, or a
 * JPEG it cannot follow, passes byte for byte.
 *
 * JPEG structure (ITU T.81, Annex B): SOI (FFD8), then segments `FF xx` with a two-byte length that counts itself,
 * up to the start of scan (FFDA), after which comes the compressed image to the end: nothing there is touched.
 */
import { Transform, type TransformCallback } from 'node:stream';

const EXIF = Buffer.from('Exif\0\0', 'latin1');
const XMP = [Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1')];
const APP1 = 0xe1;
const APP13 = 0xed; // Photoshop resources: IPTC (captions, names, places)
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

export class JpegMetadataStripper extends Transform {
  /** Bytes written out: the stored size. */
  bytesOut = 0;
  /** Whether anything was removed. */
  stripped = false;
  private state: 'start' | 'segments' | 'pass' = 'start';
  private buf: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.state === 'pass') {
      this.out(chunk);
      return done();
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.work();
    done();
  }

  override _flush(done: TransformCallback): void {
    // A file that ends inside its headers: what is left goes out as it came.
    if (this.buf.length) this.out(this.buf);
    this.buf = Buffer.alloc(0);
    done();
  }

  private out(bytes: Buffer): void {
    if (!bytes.length) return;
    this.bytesOut += bytes.length;
    this.push(bytes);
  }

  /** Everything held so far, and all that follows, goes out unchanged. */
  private passRest(): void {
    this.state = 'pass';
    this.out(this.buf);
    this.buf = Buffer.alloc(0);
  }

  private work(): void {
    if (this.state === 'start') {
      if (this.buf.length < 3) return;
      if (this.buf[0] !== 0xff || this.buf[1] !== 0xd8 || this.buf[2] !== 0xff) return this.passRest();
      this.out(this.buf.subarray(0, 2));
      this.buf = this.buf.subarray(2);
      this.state = 'segments';
    }
    for (;;) {
      const b = this.buf;
      if (b.length < 2) return;
      if (b[0] !== 0xff) return this.passRest();
      // Fill bytes before a marker.
      if (b[1] === 0xff) {
        this.buf = b.subarray(1);
        continue;
      }
      const marker = b[1]!;
      // The compressed image (or the end): nothing after this is ours to read.
      if (marker === SOS || marker === EOI) return this.passRest();
      // Markers without a length.
      if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        this.out(b.subarray(0, 2));
        this.buf = b.subarray(2);
        continue;
      }
      if (b.length < 4) return;
      const length = b.readUInt16BE(2);
      if (length < 2) return this.passRest();
      if (b.length < 2 + length) return;
      const segment = b.subarray(0, 2 + length);
      this.buf = b.subarray(2 + length);
      this.segment(marker, segment);
    }
  }

  private segment(marker: number, segment: Buffer): void {
    const payload = segment.subarray(4);
    if (marker === APP1 && payload.subarray(0, EXIF.length).equals(EXIF)) {
      this.stripped = true;
      const orientation = orientationOf(payload.subarray(EXIF.length));
      if (orientation > 1) this.out(exifWithOrientation(orientation));
      return;
    }
    if ((marker === APP1 && XMP.some((x) => payload.subarray(0, x.length).equals(x))) || marker === APP13 || marker === COM) {
      this.stripped = true;
      return;
    }
    this.out(segment);
  }
}

/** The orientation (1–8) in an Exif TIFF block, 1 when absent or unreadable. */
export function orientationOf(tiff: Buffer): number {
  if (tiff.length < 8) return 1;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const le = order === 'II';
  const u16 = (at: number) => (at + 2 <= tiff.length ? (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : -1);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : -1);
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd < 8) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    // Tag 0x0112 Orientation, type 3 (SHORT), one value, held in the entry itself.
    if (u16(entry) !== 0x0112) continue;
    const value = u16(entry + 2) === 3 ? u16(entry + 8) : -1;
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/** An APP1 segment holding an Exif block with the orientation alone (big-endian TIFF, one IFD, one entry). */
export function exifWithOrientation(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  // Bytes 20–25: the rest of the value field and the next-IFD offset, zero.
  const length = 2 + EXIF.length + tiff.length;
  const head = Buffer.from([0xff, APP1, length >> 8, length & 0xff]);
  return Buffer.concat([head, EXIF, tiff]);
}
