import { signal } from '@preact/signals-core';
import type { OpeningState, PublicSite } from '@causette/shared';

/** `online` means connected and resumed: only then does the transport emit. */
export type Connection = 'connecting' | 'online' | 'offline' | 'unavailable';

export const connection = signal<Connection>('connecting');
/** Known after the first `session:resume`; the widget shows nothing before. */
export const site = signal<PublicSite | null>(null);
export const token = signal<string | undefined>(undefined);
export const visitorId = signal<string | undefined>(undefined);
/** Whether an agent of the site is online; a server that does not say yet counts as yes (no form in the way). */
export const agentsOnline = signal(true);
/** The visitor's data was erased (`session:end`): nothing is held and the widget stays away until they write again. */
export const forgotten = signal(false);
/** The site's opening hours now (session:resume, site:availability); closed, the panel says when it reopens. */
export const opening = signal<OpeningState>({ open: true, reopensAt: null });
/** The page called `causette('identify', …)` with an id: the shop knows the visitor, no pre-chat form. */
export const identified = signal(false);
