/** The tab title: "(3) Causette" while something waits for the agent, plain otherwise. */
export function titleWithCount(count: number, base = 'Causette'): string {
  if (count <= 0) return base;
  return `(${count > 99 ? '99+' : count}) ${base}`;
}
