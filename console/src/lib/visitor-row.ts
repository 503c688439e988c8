import type { VisitorContext } from '@causette/shared';

/** Where a visit came from, in one word: the referring host, else the campaign source, else null (direct). */
export function visitSource(context: Pick<VisitorContext, 'referrer' | 'utm'>): string | null {
  if (context.referrer) {
    try {
      return new URL(context.referrer).host || context.referrer;
    } catch {
      return context.referrer;
    }
  }
  return context.utm.source || null;
}

/** How long this visit has lasted: since the first page view of the session, else since the current page. */
export function visitStartedAt(context: Pick<VisitorContext, 'journey' | 'currentPage' | 'lastSeenAt'>): number {
  return context.journey[0]?.at ?? context.currentPage?.at ?? context.lastSeenAt;
}

/** Online visitors first, then the longest visit first, so the table does not reshuffle on every page view. */
export function sortVisitors(list: readonly VisitorContext[]): VisitorContext[] {
  return [...list].sort(
    (a, b) => Number(b.online) - Number(a.online) || visitStartedAt(a) - visitStartedAt(b) || a.visitorId.localeCompare(b.visitorId),
  );
}
