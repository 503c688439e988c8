import { computed, signal } from '@preact/signals';

/** The server serves the console under this path and falls back to index.html for anything below it. */
export const BASE_PATH = '/console/';

export type Route =
  | { name: 'inbox' }
  | { name: 'visitors' }
  | { name: 'settings' }
  | { name: 'account' }
  | { name: 'supervisor' }
  | { name: 'reports' }
  | { name: 'audit' }
  | { name: 'conversation'; id: string }
  | { name: 'triggers' }
  | { name: 'triggerNew' }
  | { name: 'trigger'; id: string };

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname.replace(/^\/+/, '');
  const conversation = /^conversations\/([A-Za-z0-9_-]+)\/?$/.exec(rest);
  if (conversation) return { name: 'conversation', id: conversation[1]! };
  if (/^visitors\/?$/.test(rest)) return { name: 'visitors' };
  if (/^settings\/?$/.test(rest)) return { name: 'settings' };
  if (/^account\/?$/.test(rest)) return { name: 'account' };
  if (/^supervisor\/?$/.test(rest)) return { name: 'supervisor' };
  if (/^reports\/?$/.test(rest)) return { name: 'reports' };
  if (/^audit\/?$/.test(rest)) return { name: 'audit' };
  if (/^triggers\/?$/.test(rest)) return { name: 'triggers' };
  if (/^triggers\/new\/?$/.test(rest)) return { name: 'triggerNew' };
  const trigger = /^triggers\/([A-Za-z0-9_-]+)\/?$/.exec(rest);
  if (trigger) return { name: 'trigger', id: trigger[1]! };
  return { name: 'inbox' };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'conversation':
      return `${BASE_PATH}conversations/${route.id}`;
    case 'visitors':
      return `${BASE_PATH}visitors`;
    case 'settings':
      return `${BASE_PATH}settings`;
    case 'account':
      return `${BASE_PATH}account`;
    case 'supervisor':
      return `${BASE_PATH}supervisor`;
    case 'reports':
      return `${BASE_PATH}reports`;
    case 'audit':
      return `${BASE_PATH}audit`;
    case 'triggers':
      return `${BASE_PATH}triggers`;
    case 'triggerNew':
      return `${BASE_PATH}triggers/new`;
    case 'trigger':
      return `${BASE_PATH}triggers/${route.id}`;
    case 'inbox':
      return BASE_PATH;
  }
}

export const isTriggerRoute = (r: Route) => r.name === 'triggers' || r.name === 'triggerNew' || r.name === 'trigger';

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

/** Links stay real links (middle-click opens a tab); a plain click navigates in place. */
export function onLinkClick(next: Route) {
  return (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(next);
  };
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    route.value = parseRoute(currentPath());
  });
}
