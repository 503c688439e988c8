import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';

describe('linkify', () => {
  it('turns a pasted URL into a link and leaves the sentence punctuation out of it', () => {
    const parts = linkify('Track it at https://shop.example/track?id=42.');
    expect(parts).toEqual([
      { type: 'text', text: 'Track it at ' },
      { type: 'link', text: 'https://shop.example/track?id=42', href: 'https://shop.example/track?id=42' },
      { type: 'text', text: '.' },
    ]);
  });

  it('never links javascript: or other schemes', () => {
    expect(linkify('javascript:alert(1)').every((p) => p.type === 'text')).toBe(true);
  });
});
