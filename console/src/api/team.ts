import type { AgentRole, AgentStatus } from '@causette/shared';
import { request } from './http.js';

/** One agent of a site with their load, as GET /api/team returns it. */
export interface TeamMember {
  id: string;
  name: string;
  role: AgentRole;
  status: AgentStatus;
  capacity: number;
  /** Open conversations assigned now. */
  active: number;
  /** Connected to the console right now. */
  online: boolean;
}

export function listTeam(siteId: string): Promise<{ items: TeamMember[] }> {
  return request(`/api/team?siteId=${encodeURIComponent(siteId)}`);
}
