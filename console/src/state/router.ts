import { computed, signal } from '@preact/signals';

/** The server serves the console under this path and falls back to index.html for anything below it. */
export const BASE_PATH = '/console/';

export type Route = { name: 'inbox' } | { name: 'conversation'; id: string };

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname.replace(/^\/+/, '');
  const match = /^conversations\/([A-Za-z0-9_-]+)\/?$/.exec(rest);
  return match ? { name: 'conversation', id: match[1]! } : { name: 'inbox' };
}

export function pathOf(route: Route): string {
  return route.name === 'conversation' ? `${BASE_PATH}conversations/${route.id}` : BASE_PATH;
}

const currentPath = () => (typeof location === 'undefined' ? BASE_PATH : location.pathname);

export const route = signal<Route>(parseRoute(currentPath()));
export const selectedConversationId = computed(() => (route.value.name === 'conversation' ? route.value.id : null));

export function navigate(next: Route, options: { replace?: boolean } = {}): void {
  const path = pathOf(next);
  if (typeof history !== 'undefined' && path !== currentPath()) {
    if (options.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  route.value = next;
}

export function openConversation(id: string): void {
  navigate({ name: 'conversation', id });
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    route.value = parseRoute(currentPath());
  });
}
