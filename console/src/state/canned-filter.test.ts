import { describe, expect, it } from 'vitest';
import { canned } from '../testing/fixtures.js';
import { cannedQuery, filterCanned } from './canned-filter.js';

describe('cannedQuery', () => {
  it('opens on a slash at the start of the composer', () => {
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('/ship')).toBe('ship');
  });

  it('stays closed for a slash inside a sentence or once the agent types a space', () => {
    expect(cannedQuery('see /shipping')).toBeNull();
    expect(cannedQuery('/ship ')).toBeNull();
    expect(cannedQuery('and/or')).toBeNull();
  });
});

describe('filterCanned', () => {
  const items = [canned('refund'), canned('shipping'), canned('free-shipping'), canned('hello'), canned('ship-intl')];

  it('lists shortcuts starting with the query first, then those containing it', () => {
    expect(filterCanned(items, 'ship').map((i) => i.shortcut)).toEqual(['ship-intl', 'shipping', 'free-shipping']);
  });

  it('lists every shortcut alphabetically for a bare slash', () => {
    expect(filterCanned(items, '').map((i) => i.shortcut)).toEqual(['free-shipping', 'hello', 'refund', 'ship-intl', 'shipping']);
  });

  it('ignores case', () => {
    expect(filterCanned(items, 'HEL').map((i) => i.shortcut)).toEqual(['hello']);
  });

  it('returns nothing when no shortcut matches', () => {
    expect(filterCanned(items, 'xyz')).toEqual([]);
  });

  it('caps the popup length', () => {
    const many = Array.from({ length: 20 }, (_, i) => canned(`s${String(i).padStart(2, '0')}`));
    expect(filterCanned(many, 's', 8)).toHaveLength(8);
  });
});
