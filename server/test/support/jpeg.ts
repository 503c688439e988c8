/**
 * A small but well-formed baseline JPEG, made in code, with every kind of header a phone or an editor writes
 * (Exif with GPS and orientation, XMP, a colour profile, IPTC, a comment): for tests of what is kept of a photo.
 */
export const seg = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);

/** A little-endian Exif block: camera make, orientation, and a GPS IFD with a latitude. */
export function exif(orientation: number): Buffer {
  const t = Buffer.alloc(120);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(3, 8); // three entries
  // Make (ASCII, 9 bytes at offset 60)
  t.writeUInt16LE(0x010f, 10);
  t.writeUInt16LE(2, 12);
  t.writeUInt32LE(9, 14);
  t.writeUInt32LE(60, 18);
  // Orientation (SHORT)
  t.writeUInt16LE(0x0112, 22);
  t.writeUInt16LE(3, 24);
  t.writeUInt32LE(1, 26);
  t.writeUInt16LE(orientation, 30);
  // GPS IFD pointer at offset 80
  t.writeUInt16LE(0x8825, 34);
  t.writeUInt16LE(4, 36);
  t.writeUInt32LE(1, 38);
  t.writeUInt32LE(80, 42);
  t.writeUInt32LE(0, 46);
  t.write('PhoneCo\0', 60, 'latin1');
  t.write('GPS-48.8584N-2.2945E', 80, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
}

/** A small baseline JPEG with every kind of header a phone or an editor writes, then the image. */
export function jpeg(orientation = 6): { file: Buffer; image: Buffer; icc: Buffer; jfif: Buffer } {
  const jfif = seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
  const icc = seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01colour-profile-bytes', 'latin1'));
  const headers = Buffer.concat([
    jfif,
    seg(0xe1, exif(orientation)),
    seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Owner: Jane Doe</x:xmpmeta>', 'latin1')),
    icc,
    seg(0xed, Buffer.from('Photoshop 3.0\x008BIM caption: our house', 'latin1')),
    seg(0xfe, Buffer.from('Comment: taken at home', 'latin1')),
  ]);
  // Quantisation table, frame header (640×480, 3 components), then the scan: compressed data with a stuffed FF00
  // and a restart marker, which must go through untouched.
  const image = Buffer.concat([
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc0, Buffer.from([8, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])),
    seg(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0])),
    Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0xe1, 0x78, 0xff, 0xd9]),
  ]);
  return { file: Buffer.concat([Buffer.from([0xff, 0xd8]), headers, image]), image, icc, jfif };
}
