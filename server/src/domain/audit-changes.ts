import type { Agent, AuditAction, AuditChange, CannedResponse, Site, Team, Trigger } from '@causette/shared';

export type Changes = Record<string, AuditChange>;
/** One audit entry a change produces: an edit may touch several audited things at once (a role and the sites). */
export interface ChangeEntry {
  action: AuditAction;
  changes: Changes;
}

/** Key order and absent-vs-null do not make a change: an editor that resends a field as it was changed nothing. */
const canonical = (v: unknown): unknown => {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  return v;
};
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The fields that differ, before → after. */
export function diff<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): Changes {
  const out: Changes = {};
  for (const f of fields) if (!same(before[f], after[f])) out[f] = { from: before[f] ?? null, to: after[f] ?? null };
  return out;
}

/** What something was created with: the `to` side only. */
export function snapshot<T extends object>(created: T, fields: ReadonlyArray<keyof T & string>): Changes {
  return Object.fromEntries(fields.map((f) => [f, { to: created[f] ?? null }]));
}

const nonEmpty = (entries: ChangeEntry[]) => entries.filter((e) => Object.keys(e.changes).length > 0);

/** A password is recorded as reset, never with a value (nor its hash). */
export function agentChanges(before: Agent, after: Agent, passwordReset: boolean): ChangeEntry[] {
  const entries: ChangeEntry[] = [
    { action: 'agent.renamed', changes: diff(before, after, ['name']) },
    { action: 'agent.role_changed', changes: diff(before, after, ['role']) },
    { action: 'agent.capacity_changed', changes: diff(before, after, ['capacity']) },
    { action: 'agent.sites_changed', changes: diff({ siteIds: [...before.siteIds].sort() }, { siteIds: [...after.siteIds].sort() }, ['siteIds']) },
    { action: after.disabled ? 'agent.disabled' : 'agent.enabled', changes: diff(before, after, ['disabled']) },
  ];
  return [...nonEmpty(entries), ...(passwordReset ? [{ action: 'agent.password_reset' as const, changes: { password: {} } }] : [])];
}

export function siteChanges(before: Site, after: Site): ChangeEntry[] {
  const keys = [...new Set([...Object.keys(before.settings), ...Object.keys(after.settings)])] as Array<keyof Site['settings'] & string>;
  return nonEmpty([
    { action: 'site.renamed', changes: diff(before, after, ['name']) },
    { action: 'site.origins_changed', changes: diff(before, after, ['allowedOrigins']) },
    { action: 'site.settings_changed', changes: diff(before.settings, after.settings, keys) },
  ]);
}

const TRIGGER_FIELDS = ['name', 'priority', 'conditions', 'variants', 'holdoutPercent', 'frequency', 'schedule', 'onlyWhenAgentAvailable', 'delaySeconds', 'openPanel', 'teamId'] as const;

/** Pausing or resuming is its own entry, so that "who switched this off" is one filter away. */
export function triggerChanges(before: Trigger, after: Trigger): ChangeEntry[] {
  return nonEmpty([
    { action: after.status === 'active' ? 'trigger.enabled' : 'trigger.disabled', changes: diff(before, after, ['status']) },
    { action: 'trigger.updated', changes: diff(before, after, TRIGGER_FIELDS) },
  ]);
}

export function teamChanges(before: Team, after: Team): ChangeEntry[] {
  return nonEmpty([{ action: 'team.updated', changes: diff(before, after, ['name', 'memberIds', 'hours']) }]);
}

/** A canned answer's text goes to customers: the log says it changed, not what it says. */
export function cannedChanges(before: CannedResponse, after: CannedResponse): ChangeEntry[] {
  const changes = diff(before, after, ['shortcut']);
  if (before.body !== after.body) changes.body = {};
  return nonEmpty([{ action: 'canned.updated', changes }]);
}
