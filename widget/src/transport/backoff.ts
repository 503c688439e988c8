/**
 * How long the outbox waits before sending again after `failures` failed tries in a row: doubling from a second
 * up to half a minute, so a struggling server is not hammered, and drawn at random from the upper half of that,
 * so the widgets of one outage do not all come back in the same instant.
 */
export const retryDelay = (failures: number): number => (Math.min(30_000, 1000 * 2 ** failures) * (1 + Math.random())) / 2;
