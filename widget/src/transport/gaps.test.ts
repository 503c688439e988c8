import { describe, expect, it } from 'vitest';
import { step } from './gaps';

describe('gap detection', () => {
  it('moves forward on the next seq and ignores ones already covered', () => {
    expect(step(4, 5)).toEqual({ through: 5 });
    expect(step(4, 2)).toEqual({ through: 4 });
  });

  it('asks for a catch-up from the last confirmed seq when a live message skips ahead (a lost broadcast)', () => {
    // Held 1–4; the agent's 5 and 6 were lost between processes; our own send comes back as 7.
    expect(step(4, 7)).toEqual({ syncAfter: 4 });
  });
});
