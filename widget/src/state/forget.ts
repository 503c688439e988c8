import { batch, effect, signal } from '@preact/signals-core';
import { leaveError, leaveForm, leftEmail } from './offline';
import { forgotten } from './session';

/**
 * "Delete my data", in the panel's chunk: '' shows the link, `confirm` the explanation and the two buttons, `busy`
 * while the server erases, `failed` when it could not (offline, refused). Done is `forgotten` (session.ts), which
 * the `session:end` of any tab sets.
 */
export const forgetStep = signal<'' | 'confirm' | 'busy' | 'failed'>('');

/** Asks once; the outcome shows as `forgotten`, or as `failed` with the buttons back. */
export async function confirmForget(send: () => Promise<boolean>): Promise<boolean> {
  if (forgetStep.peek() === 'busy') return false;
  forgetStep.value = 'busy';
  const done = await send().catch(() => false);
  forgetStep.value = done ? '' : 'failed';
  return done;
}

// What the leave-a-message form held (the visitor's address) goes with the rest, in every tab.
effect(() => {
  if (forgotten.value)
    batch(() => {
      leftEmail.value = leaveError.value = '';
      leaveForm.value = { email: '', name: '', body: '' };
      if (forgetStep.peek() !== 'busy') forgetStep.value = '';
    });
});
