import { signal } from '@preact/signals-core';
import { reactive } from '../reactive';
import type { VisitorConversation } from '@causette/shared';

type Chunk = typeof import('./after');
/**
 * What only a closed chat or the history needs (rating, transcript, the history list and its read-only view) is
 * a chunk of its own: most openings of the panel are a chat under way and never fetch it. `null` until it came.
 */
const chunk = signal<Chunk | null>(null);
let loading: Promise<void> | undefined;
const load = () => void (loading ||= import('./after').then((m) => void (chunk.value = m), () => void (loading = undefined)));

export const LazyClosed = reactive(function LazyClosed({ conversation }: { conversation: VisitorConversation }) {
  const m = chunk.value;
  if (!m) load();
  return m ? <m.Closed conversation={conversation} /> : null;
});

export const LazyHistory = reactive(function LazyHistory() {
  const m = chunk.value;
  if (!m) load();
  return m ? <m.History /> : <div class="hs" data-part="history" aria-busy="true" />;
});
