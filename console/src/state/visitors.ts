import type { VisitorContext } from '@causette/shared';
import { signal } from '@preact/signals';
import { onSignOut } from './sign-out.js';

export const visitorContexts = signal<Readonly<Record<string, VisitorContext>>>({});
export const visitorLoad = signal<Readonly<Record<string, 'loading' | 'error'>>>({});

export function putVisitorContext(context: VisitorContext): void {
  visitorContexts.value = { ...visitorContexts.peek(), [context.visitorId]: context };
  setVisitorLoad(context.visitorId, null);
}

export function setVisitorLoad(visitorId: string, state: 'loading' | 'error' | null): void {
  const next = { ...visitorLoad.peek() };
  if (state === null) delete next[visitorId];
  else next[visitorId] = state;
  visitorLoad.value = next;
}

/** An erased visitor: nothing about them stays on screen. */
export function dropVisitor(visitorId: string): void {
  const { [visitorId]: _context, ...contexts } = visitorContexts.peek();
  visitorContexts.value = contexts;
  setVisitorLoad(visitorId, null);
}

export function resetVisitors(): void {
  visitorContexts.value = {};
  visitorLoad.value = {};
}

onSignOut(resetVisitors);
