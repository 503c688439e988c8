import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { exif, jpeg } from '../../test/support/jpeg.js';
import { exifWithOrientation, JpegMetadataStripper, orientationOf } from './strip-metadata.js';

async function strip(input: Buffer, chunk = input.length): Promise<{ out: Buffer; stripper: JpegMetadataStripper }> {
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(input.subarray(i, i + chunk));
  const stripper = new JpegMetadataStripper();
  const out = await buffer(Readable.from(parts).pipe(stripper));
  return { out, stripper };
}

describe('JPEG metadata removal', () => {
  it('removes location, owner, captions and comments, keeps the orientation, the colour profile and the image', async () => {
    const { file, image, icc, jfif } = jpeg(6);
    const { out, stripper } = await strip(file);
    const text = out.toString('latin1');
    for (const secret of ['GPS-48.8584N', 'PhoneCo', 'Jane Doe', 'our house', 'taken at home']) expect(text).not.toContain(secret);
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(text).toContain(jfif.toString('latin1'));
    expect(text).toContain(icc.toString('latin1'));
    // The picture itself, byte for byte, at the end.
    expect(out.subarray(out.length - image.length)).toEqual(image);
    // Still stands up: orientation 6 in a minimal Exif segment, readable by what reads Exif.
    const exifAt = out.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    expect(exifAt).toBeGreaterThan(0);
    expect(orientationOf(out.subarray(exifAt + 6))).toBe(6);
    expect(imageSize(out)).toMatchObject({ width: 640, height: 480, orientation: 6 });
    expect(stripper.bytesOut).toBe(out.length);
    expect(stripper.stripped).toBe(true);
    expect(out.length).toBeLessThan(file.length);
  });

  it('gives the same bytes however the upload is cut into chunks', async () => {
    const { file } = jpeg(3);
    const whole = (await strip(file)).out;
    for (const size of [1, 2, 3, 7, 64]) expect((await strip(file, size)).out).toEqual(whole);
  });

  it('writes no Exif back when the photo is upright (orientation 1)', async () => {
    const { out } = await strip(jpeg(1).file);
    expect(out.indexOf(Buffer.from('Exif', 'latin1'))).toBe(-1);
  });

  it('passes anything else byte for byte: PNG, PDF, a JPEG cut short, a JPEG with a broken header', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const pdf = Buffer.from('%PDF-1.4 ...', 'latin1');
    const cut = jpeg(6).file.subarray(0, 30);
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), Buffer.from('no length here')]);
    for (const input of [png, pdf, broken]) {
      const { out, stripper } = await strip(input);
      expect(out).toEqual(input);
      expect(stripper.stripped).toBe(false);
    }
    // Cut inside the Exif segment: the start goes out, nothing is invented.
    const { out } = await strip(cut);
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(cut.subarray(2).toString('latin1')).toContain(out.subarray(2).toString('latin1'));
  });

  it('reads the orientation in either byte order, and 1 from nonsense', () => {
    expect(orientationOf(exif(8).subarray(6))).toBe(8);
    expect(orientationOf(exifWithOrientation(5).subarray(10))).toBe(5);
    expect(orientationOf(Buffer.from('MM\0\x2a\0\0\0\x08\xff\xff', 'latin1'))).toBe(1);
    expect(orientationOf(Buffer.alloc(4))).toBe(1);
    const bad = exif(6);
    bad.writeUInt16LE(9, 6 + 30); // out of range
    expect(orientationOf(bad.subarray(6))).toBe(1);
  });
});
