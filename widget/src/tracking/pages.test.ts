import type { PageViewInput } from '@causette/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trackPages } from './pages';

let views: PageViewInput[];
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/start');
  document.title = 'Start';
  views = [];
  stop = trackPages((v) => views.push(v));
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

const paths = () => views.map((v) => new URL(v.url).pathname + new URL(v.url).hash);

describe('page views', () => {
  it('reports the page the widget loads on', () => {
    expect(paths()).toEqual(['/start']);
    expect(views[0]!.title).toBe('Start');
  });

  it('reports each SPA navigation once, with the title the router sets after it', () => {
    history.pushState(null, '', '/products/mug');
    document.title = 'Mug';
    vi.runAllTimers();
    expect(paths()).toEqual(['/start', '/products/mug']);
    expect(views[1]).toMatchObject({ title: 'Mug', referrer: views[0]!.url });
  });

  it('does not report the same URL twice in a row', () => {
    history.pushState(null, '', '/cart');
    vi.runAllTimers();
    history.replaceState({ scroll: 10 }, '', '/cart');
    history.pushState(null, '', '/cart');
    vi.runAllTimers();
    expect(paths()).toEqual(['/start', '/cart']);
  });

  it('reports back/forward and hash navigation', () => {
    history.pushState(null, '', '/a');
    vi.runAllTimers();
    history.replaceState(null, '', '/a#reviews');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    vi.runAllTimers();
    history.replaceState(null, '', '/start');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.runAllTimers();
    expect(paths()).toEqual(['/start', '/a', '/a#reviews', '/start']);
  });

  it("leaves the page's own history calls working", () => {
    history.pushState({ step: 2 }, '', '/step-2');
    expect(location.pathname).toBe('/step-2');
    expect(history.state).toEqual({ step: 2 });
  });
});
