import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';

/**
 * The closed list of what the audit log records, `noun.past_verb`. New kinds of change (API tokens, webhooks)
 * add their names here; the store keeps them as text, so no migration is needed.
 */
export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.signed_out',
  'auth.second_factor_failed',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_renewed',
  'auth.sessions_ended',
  'agent.created',
  'agent.renamed',
  'agent.role_changed',
  'agent.capacity_changed',
  'agent.sites_changed',
  'agent.disabled',
  'agent.enabled',
  'agent.password_reset',
  'agent.two_factor_reset',
  'agent.sessions_ended',
  'security.settings_changed',
  'site.created',
  'site.renamed',
  'site.origins_changed',
  'site.settings_changed',
  'team.created',
  'team.updated',
  'team.deleted',
  'visitor.exported',
  'visitor.erased',
  'trigger.created',
  'trigger.updated',
  'trigger.enabled',
  'trigger.disabled',
  'trigger.deleted',
  'canned.created',
  'canned.updated',
  'canned.deleted',
  'audit.exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AuditActionSchema = Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)));

export const AUDIT_TARGET_TYPES = ['agent', 'site', 'team', 'visitor', 'trigger', 'canned', 'audit', 'settings'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** What changed, per field; a field recorded without its values (a canned answer's text) has neither side. */
export const AuditChange = Type.Object({ from: Type.Optional(Type.Unknown()), to: Type.Optional(Type.Unknown()) });
export type AuditChange = Static<typeof AuditChange>;

export const AuditEntry = Type.Object({
  id: Id,
  at: Timestamp,
  action: AuditActionSchema,
  /** Who did it; null for a failed sign-in, where `actorLabel` is the address that was tried. */
  actorId: Type.Union([Id, Type.Null()]),
  /** "Name <email>" as it was then, so the entry still reads after the agent is renamed or gone. */
  actorLabel: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  targetLabel: Type.String(),
  ip: Type.String(),
  userAgent: Type.String(),
  changes: Type.Record(Type.String(), AuditChange),
});
export type AuditEntry = Static<typeof AuditEntry>;

/** Filters shared by the list and the export. Dates are epoch ms, `to` exclusive. */
const auditFilters = {
  action: Type.Optional(AuditActionSchema),
  actorId: Type.Optional(Id),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  /** Free text over the actor's and the target's labels. */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

export const AuditQuery = Type.Object(
  {
    ...auditFilters,
    /** The `next` cursor of the previous page: entries older than it. */
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[0-9]+:[A-Za-z0-9_-]+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditExportQuery = Type.Object(
  { ...auditFilters, format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('jsonl')])) },
  { additionalProperties: false },
);
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), next: Type.Union([Type.String(), Type.Null()]) });
export type AuditPage = Static<typeof AuditPage>;
