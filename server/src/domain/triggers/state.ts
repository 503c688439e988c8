import { stripBidiControls, type VisitorState } from '@causette/shared';

export type { VisitorState };

export function emptyState(): VisitorState {
  return {
    page: { url: '', path: '', title: '' },
    referrer: '',
    utm: { source: '', medium: '', campaign: '' },
    device: '',
    language: '',
    country: '',
    visitorType: 'new',
    visitCount: 1,
    sessionPageViews: 0,
    timeOnPage: 0,
    timeOnSite: 0,
    scrollDepth: 0,
    idleTime: 0,
    exitIntent: false,
    cart: { total: 0, items: 0, skus: [] },
    events: [],
  };
}

export function utmOf(url: string): VisitorState['utm'] {
  try {
    const q = new URL(url).searchParams;
    // Decoded from the URL, so `%E2%80%AE` becomes a real override here: stripped like any typed label.
    const value = (key: string) => stripBidiControls(q.get(key) ?? '');
    return { source: value('utm_source'), medium: value('utm_medium'), campaign: value('utm_campaign') };
  } catch {
    return { source: '', medium: '', campaign: '' };
  }
}
