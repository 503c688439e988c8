import type { Site, Trigger, TriggerStats } from '@causette/shared';
import { computed, signal } from '@preact/signals';
import { fetchTriggerStats, listSites, listTriggers, updateTrigger } from '../api/triggers.js';
import { ApiError } from '../api/http.js';
import { t } from '../i18n/i18n.js';
import { can } from './session.js';

/** Sites the agent may see; the Triggers screens work on one of them at a time. */
export const sites = signal<readonly Site[]>([]);
export const selectedSiteId = signal<string | null>(null);
export const selectedSite = computed(() => sites.value.find((s) => s.id === selectedSiteId.value) ?? null);

export const triggers = signal<readonly Trigger[]>([]);
export const triggersLoad = signal<'idle' | 'loading' | 'loaded' | 'error'>('idle');
export const triggersError = signal<string | null>(null);
export const statsById = signal<Readonly<Record<string, TriggerStats>>>({});
export const statsLoad = signal<Readonly<Record<string, 'loading' | 'error'>>>({});

/** Admins and marketers manage triggers; other agents may read them. */
export const canEditTriggers = computed(() => can('triggers.manage'));

export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return t('error.unavailable');
  if (err instanceof ApiError && err.code === 'forbidden') return t('triggers.forbidden');
  return err instanceof Error ? err.message : String(err);
}

export async function loadSites(): Promise<void> {
  if (sites.peek().length) return;
  try {
    const { items } = await listSites();
    sites.value = items;
    if (!items.some((s) => s.id === selectedSiteId.peek())) selectedSiteId.value = items[0]?.id ?? null;
  } catch (err) {
    triggersLoad.value = 'error';
    triggersError.value = errorText(err);
  }
}

export async function loadTriggers(): Promise<void> {
  await loadSites();
  const siteId = selectedSiteId.peek();
  if (!siteId) {
    if (triggersLoad.peek() !== 'error') triggersLoad.value = 'loaded';
    return;
  }
  triggersLoad.value = 'loading';
  try {
    const { items } = await listTriggers(siteId);
    if (selectedSiteId.peek() !== siteId) return;
    triggers.value = [...items].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
    triggersLoad.value = 'loaded';
    triggersError.value = null;
    for (const trigger of items) void loadStats(trigger.id);
  } catch (err) {
    triggersLoad.value = 'error';
    triggersError.value = errorText(err);
  }
}

export function selectSite(siteId: string): void {
  if (siteId === selectedSiteId.peek()) return;
  selectedSiteId.value = siteId;
  triggers.value = [];
  void loadTriggers();
}

export async function loadStats(triggerId: string, days = 30): Promise<void> {
  setStatsLoad(triggerId, 'loading');
  try {
    const stats = await fetchTriggerStats(triggerId, days);
    statsById.value = { ...statsById.peek(), [triggerId]: stats };
    setStatsLoad(triggerId, null);
  } catch {
    setStatsLoad(triggerId, 'error');
  }
}

function setStatsLoad(triggerId: string, state: 'loading' | 'error' | null): void {
  const next = { ...statsLoad.peek() };
  if (state === null) delete next[triggerId];
  else next[triggerId] = state;
  statsLoad.value = next;
}

export function putTrigger(trigger: Trigger): void {
  const others = triggers.peek().filter((t) => t.id !== trigger.id);
  triggers.value = [...others, trigger].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
}

/** Pause or resume at once in the list; the server's answer replaces the guess, a failure puts it back. */
export async function toggleStatus(trigger: Trigger): Promise<void> {
  const status = trigger.status === 'active' ? 'paused' : 'active';
  putTrigger({ ...trigger, status });
  try {
    putTrigger(await updateTrigger(trigger.id, { status }));
    triggersError.value = null;
  } catch (err) {
    putTrigger(trigger);
    triggersError.value = errorText(err);
  }
}

export function resetTriggers(): void {
  sites.value = [];
  selectedSiteId.value = null;
  triggers.value = [];
  triggersLoad.value = 'idle';
  triggersError.value = null;
  statsById.value = {};
  statsLoad.value = {};
}
