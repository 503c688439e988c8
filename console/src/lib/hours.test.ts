import { describe, expect, it } from 'vitest';
import { formatOpening } from './hours.js';

// openingState and localClock are tested where they live now: shared/src/hours.test.ts.
describe('formatOpening', () => {
  it('formats the next opening in the zone and the agent’s language', () => {
    expect(formatOpening(Date.UTC(2026, 0, 12, 8), 'Europe/Paris', 'en')).toBe('Mon 09:00');
    expect(formatOpening(Date.UTC(2026, 0, 12, 8), 'Europe/Paris', 'fr')).toBe('lun. 09:00');
  });
});
