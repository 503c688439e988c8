import { batch } from '@preact/signals';

const resets: Array<() => void> = [];

/**
 * A state module whose data belongs to the signed-in agent registers how to forget it. Each module owns its reset,
 * so a new one cannot be left out of the sign-out list the way a hand-kept list in the realtime layer could be.
 */
export function onSignOut(reset: () => void): void {
  resets.push(reset);
}

/** Sign-out: every registered module forgets the agent's data. Batched, so no effect sees half the console cleared. */
export function clearSignedInState(): void {
  batch(() => {
    for (const reset of resets) reset();
  });
}
