import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';

describe('linkify', () => {
  it('finds http, https and mailto links and leaves the sentence punctuation out', () => {
    expect(linkify('See https://shop.example/track?id=42. Or mail mailto:help@shop.example, thanks')).toEqual([
      { text: 'See ' },
      { text: 'https://shop.example/track?id=42', href: 'https://shop.example/track?id=42' },
      { text: '. Or mail ' },
      { text: 'mailto:help@shop.example', href: 'mailto:help@shop.example' },
      { text: ', thanks' },
    ]);
  });
  it('keeps other schemes as text', () => {
    for (const s of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.example/f', 'vbscript:msgbox(1)'])
      expect(linkify(s).every((p) => p.href === undefined)).toBe(true);
  });
  it('keeps markup as text', () => {
    expect(linkify('<a href="https://evil.example">x</a>').map((p) => p.href)).toEqual([undefined, 'https://evil.example', undefined]);
  });
  it('gives the whole text back when there is no link', () => {
    expect(linkify('hello')).toEqual([{ text: 'hello' }]);
    expect(linkify('')).toEqual([]);
  });
  // Moved from the console's copy (which had no mailto:), with the expectation in the shared shape.
  it('turns a pasted URL into a link and leaves the sentence punctuation out of it', () => {
    expect(linkify('Track it at https://shop.example/track?id=42.')).toEqual([
      { text: 'Track it at ' },
      { text: 'https://shop.example/track?id=42', href: 'https://shop.example/track?id=42' },
      { text: '.' },
    ]);
  });
  it('never links javascript: or other schemes', () => {
    expect(linkify('javascript:alert(1)').every((p) => p.href === undefined)).toBe(true);
  });
});
