/**
 * Holes in what a page holds. Seqs are per conversation and shared with the agent side, so a visitor's list
 * has holes where internal notes are: a hole is judged against `through` — the seq up to which the server has
 * confirmed this page holds everything visible — not against the list itself.
 */
export type Step = { through: number } | { syncAfter: number };

/** A message with `seq` arrived (live or in an ack): extend `through`, or say where a catch-up must start. */
export function step(through: number, seq: number): Step {
  if (seq <= through + 1) return { through: Math.max(through, seq) };
  return { syncAfter: through };
}
