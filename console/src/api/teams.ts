import type { Team, TeamCreateBody, TeamUpdateBody } from '@causette/shared';
import { request } from './http.js';

const q = encodeURIComponent;

/** The teams (Sales, Support…) of one site; any agent of the site may read them, only admins change them. */
export function listTeams(siteId: string): Promise<Team[]> {
  return request(`/api/teams?siteId=${q(siteId)}`);
}

export function createTeam(body: TeamCreateBody): Promise<Team> {
  return request('/api/teams', { method: 'POST', body });
}

export function updateTeam(id: string, body: TeamUpdateBody): Promise<Team> {
  return request(`/api/teams/${q(id)}`, { method: 'PATCH', body });
}

export function deleteTeam(id: string): Promise<void> {
  return request(`/api/teams/${q(id)}`, { method: 'DELETE' });
}
