import { signal } from '@preact/signals';

/** `connecting` before the first connect, `offline` after a drop until the socket is back. */
export const connection = signal<'connecting' | 'online' | 'offline'>('connecting');
