import type { PageViewInput } from '@causette/shared';

/**
 * Reports the current page now and after every SPA navigation (history API, back/forward, hash), once per URL:
 * a router that replaces the state without changing the URL is not a new page view.
 * Returns a function that stops tracking.
 */
export function trackPages(report: (view: PageViewInput) => void, w: Window = window): () => void {
  let last = '';
  const check = () => {
    const url = w.location.href;
    if (url === last) return;
    const referrer = last || w.document.referrer;
    last = url;
    report({ url: url.slice(0, 2048), title: w.document.title.slice(0, 512), referrer: referrer.slice(0, 2048) });
  };
  // Routers usually set the title after they change the URL.
  const soon = () => setTimeout(check);
  const history = w.history;
  const originals = { pushState: history.pushState, replaceState: history.replaceState };
  for (const name of ['pushState', 'replaceState'] as const)
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      originals[name].apply(this, args);
      soon();
    };
  w.addEventListener('popstate', soon);
  w.addEventListener('hashchange', soon);
  check();
  return () => {
    Object.assign(history, originals);
    w.removeEventListener('popstate', soon);
    w.removeEventListener('hashchange', soon);
  };
}
