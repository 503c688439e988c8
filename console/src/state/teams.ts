import type { Team, TeamUpdateBody } from '@causette/shared';
import { signal } from '@preact/signals';
import { createTeam, deleteTeam, listTeams, updateTeam } from '../api/teams.js';
import { ApiError } from '../api/http.js';
import { t } from '../i18n/i18n.js';

/** Teams per site, by name; a site is absent until its list was fetched. */
export const teamsBySite = signal<Readonly<Record<string, readonly Team[]>>>({});
export const teamsLoad = signal<Readonly<Record<string, 'loading' | 'error'>>>({});

const byName = (a: Team, b: Team) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
const inFlight = new Map<string, Promise<void>>();

function setLoad(siteId: string, state: 'loading' | 'error' | null): void {
  const next = { ...teamsLoad.peek() };
  if (state === null) delete next[siteId];
  else next[siteId] = state;
  teamsLoad.value = next;
}

function putSite(siteId: string, teams: readonly Team[]): void {
  teamsBySite.value = { ...teamsBySite.peek(), [siteId]: [...teams].sort(byName) };
}

/** Fetches a site's teams once; `force` fetches again (the supervisor view, after an admin's change elsewhere). */
export function loadTeams(siteId: string, force = false): Promise<void> {
  if (!force && teamsBySite.peek()[siteId]) return Promise.resolve();
  const running = inFlight.get(siteId);
  if (running) return running;
  setLoad(siteId, 'loading');
  const task = listTeams(siteId).then(
    (teams) => {
      putSite(siteId, teams);
      setLoad(siteId, null);
    },
    () => setLoad(siteId, 'error'),
  );
  const tracked = task.finally(() => inFlight.delete(siteId));
  inFlight.set(siteId, tracked);
  return tracked;
}

export function teamName(teamId: string | null | undefined): string | null {
  if (!teamId) return null;
  for (const teams of Object.values(teamsBySite.peek())) {
    const team = teams.find((x) => x.id === teamId);
    if (team) return team.name;
  }
  return null;
}

function failure(err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return t('error.unavailable');
  if (err instanceof ApiError && err.code === 'forbidden') return t('teams.forbidden');
  return t('teams.failed', { message: err instanceof Error ? err.message : String(err) });
}

/** Each action puts the server's copy in the list and returns the error to show, or null. */
export async function addTeam(siteId: string, name: string): Promise<string | null> {
  try {
    const team = await createTeam({ siteId, name: name.trim() });
    putSite(siteId, [...(teamsBySite.peek()[siteId] ?? []).filter((x) => x.id !== team.id), team]);
    return null;
  } catch (err) {
    return failure(err);
  }
}

export async function changeTeam(team: Team, change: TeamUpdateBody): Promise<string | null> {
  try {
    const saved = await updateTeam(team.id, change);
    putSite(team.siteId, (teamsBySite.peek()[team.siteId] ?? []).map((x) => (x.id === saved.id ? saved : x)));
    return null;
  } catch (err) {
    return failure(err);
  }
}

export async function removeTeam(team: Team): Promise<string | null> {
  try {
    await deleteTeam(team.id);
    putSite(team.siteId, (teamsBySite.peek()[team.siteId] ?? []).filter((x) => x.id !== team.id));
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') {
      putSite(team.siteId, (teamsBySite.peek()[team.siteId] ?? []).filter((x) => x.id !== team.id));
      return null;
    }
    return failure(err);
  }
}

export function resetTeams(): void {
  teamsBySite.value = {};
  teamsLoad.value = {};
  inFlight.clear();
}
