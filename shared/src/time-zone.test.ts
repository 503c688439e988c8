import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isTimeZone } from './time-zone.js';

describe('time-zone validity', () => {
  it('knows IANA zones and spells them as Intl does', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  it('refuses empty, blank, padded and unknown zones', () => {
    for (const zone of ['', ' ', ' Europe/Paris', 'Nowhere/Atlantis', undefined, null]) {
      expect(isTimeZone(zone)).toBe(false);
      expect(canonicalTimeZone(zone)).toBe('');
    }
  });
});
