import type { Site, Trigger, TriggerInput, TriggerStats, TriggerTestResult, TriggerUpdate, VisitorContext, VisitorState } from '@causette/shared';

export type { TriggerTestResult, VisitorState };
import { request } from './http.js';

const q = encodeURIComponent;

export function listSites(): Promise<{ items: Site[] }> {
  return request('/api/sites');
}

export function listTriggers(siteId: string): Promise<{ items: Trigger[] }> {
  return request(`/api/triggers?siteId=${q(siteId)}`);
}

export function createTrigger(input: TriggerInput): Promise<Trigger> {
  return request('/api/triggers', { method: 'POST', body: input });
}

export function updateTrigger(id: string, update: TriggerUpdate): Promise<Trigger> {
  return request(`/api/triggers/${q(id)}`, { method: 'PATCH', body: update });
}

export function deleteTrigger(id: string): Promise<void> {
  return request(`/api/triggers/${q(id)}`, { method: 'DELETE' });
}

export function fetchTriggerStats(id: string, days = 30): Promise<TriggerStats> {
  return request(`/api/triggers/${q(id)}/stats?days=${days}`);
}

export function listLiveVisitors(siteId: string): Promise<{ items: VisitorContext[] }> {
  return request(`/api/visitors?siteId=${q(siteId)}`);
}

/** Overrides for the test: any part of the state, nested objects in part too. */
export type TestState = { [K in keyof VisitorState]?: VisitorState[K] extends unknown[] ? VisitorState[K] : VisitorState[K] extends object ? Partial<VisitorState[K]> : VisitorState[K] };

export interface TriggerTestBody {
  siteId: string;
  visitorId?: string;
  state?: TestState;
}

export function testTriggers(body: TriggerTestBody): Promise<{ state: VisitorState; results: TriggerTestResult[] }> {
  return request('/api/triggers/test', { method: 'POST', body });
}
