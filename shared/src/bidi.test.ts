import { describe, expect, it } from 'vitest';
import { isolated, stripBidiControls } from './bidi.js';

describe('stripBidiControls', () => {
  it('removes the override that makes "gnp.exe" read as "exe.png"', () => {
    expect(stripBidiControls('Mal \u202Egnp.exe')).toBe('Mal gnp.exe');
  });

  it('removes every embedding, override, pop and isolate control', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    expect(stripBidiControls(`a${controls.join('b')}c`)).toBe('abbbbbbbbc');
  });

  it('keeps directional marks, right-to-left letters and ordinary text as they are', () => {
    const hebrew = 'שלום\u200F (2)';
    const arabic = 'مرحبا\u061C 3';
    expect(stripBidiControls(hebrew)).toBe(hebrew);
    expect(stripBidiControls(arabic)).toBe(arabic);
    expect(stripBidiControls('Left\u200E mark, café ☕')).toBe('Left\u200E mark, café ☕');
  });

  it('isolates text for places that hold text only, closing an override left open inside', () => {
    expect(isolated('Mal \u202Egnp.exe')).toBe('\u2068Mal \u202Egnp.exe\u2069');
  });
});
