import { roleCan, type Agent, type Capability } from '@causette/shared';
import { DomainError } from './errors.js';

/** May this agent do that? The table itself lives in `shared/permissions.ts`, where the console reads it too. */
export function can(agent: Pick<Agent, 'role'>, capability: Capability): boolean {
  return roleCan(agent.role, capability);
}

export function assertCan(agent: Pick<Agent, 'role'>, capability: Capability): void {
  if (!can(agent, capability)) throw new DomainError('forbidden', `Your role (${agent.role}) may not do this (${capability}).`);
}
