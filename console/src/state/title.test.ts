import { describe, expect, it } from 'vitest';
import { titleWithCount } from './title.js';

describe('titleWithCount', () => {
  it('shows the number of unread messages in the tab title', () => {
    expect(titleWithCount(3)).toBe('(3) Causette');
  });

  it('shows the plain name when nothing is unread', () => {
    expect(titleWithCount(0)).toBe('Causette');
  });

  it('keeps the title short for a flood of messages', () => {
    expect(titleWithCount(250)).toBe('(99+) Causette');
  });
});
