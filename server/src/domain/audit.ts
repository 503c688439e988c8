import type { Agent, AuditAction, AuditEntry, AuditTargetType, CannedResponse, Site, Team, Trigger } from '@causette/shared';
import type { AuditFilter, Store } from '../store/store.js';
import { agentChanges, cannedChanges, siteChanges, teamChanges, triggerChanges, type ChangeEntry, type Changes } from './audit-changes.js';
import { newId } from './ids.js';

const DAY_MS = 24 * 3600 * 1000;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Who acts and from where, as the edge (a request) saw it. `agent` is null before anyone is signed in. */
export interface AuditActor {
  agent: Agent | null;
  ip: string;
  userAgent: string;
}
export interface AuditTarget {
  type: AuditTargetType;
  id: string | null;
  label: string;
}

export const agentLabel = (a: { name: string; email: string }) => `${a.name} <${a.email}>`;

/** How each noun is named in the log, once. */
export const auditTarget = {
  agent: (a: Agent): AuditTarget => ({ type: 'agent', id: a.id, label: agentLabel(a) }),
  site: (s: Site): AuditTarget => ({ type: 'site', id: s.id, label: s.name }),
  team: (t: Team): AuditTarget => ({ type: 'team', id: t.id, label: t.name }),
  trigger: (t: Trigger): AuditTarget => ({ type: 'trigger', id: t.id, label: t.name }),
  canned: (c: CannedResponse): AuditTarget => ({ type: 'canned', id: c.id, label: `/${c.shortcut}` }),
  visitor: (v: { id: string; name: string | null }): AuditTarget => ({ type: 'visitor', id: v.id, label: v.name ?? `Visitor ${v.id.slice(0, 4).toUpperCase()}` }),
};

/** An entry's position in the newest-first order, as an opaque `next` cursor. */
export const auditCursor = (e: Pick<AuditEntry, 'at' | 'id'>) => `${e.at}:${e.id}`;
export function parseAuditCursor(cursor: string): { at: number; id: string } {
  const [at, id] = cursor.split(':');
  return { at: Number(at), id: id ?? '' };
}

/**
 * The audit log: every audited change is recorded here, from one place per kind of change, and read back by
 * admins. Passwords, hashes, tokens and message text never reach it.
 */
export class AuditService {
  constructor(
    private readonly store: Store,
    /** CAUSETTE_AUDIT_RETENTION_DAYS: entries older than this go on the retention sweep. */
    private readonly retentionDays: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async record(by: AuditActor, action: AuditAction, target: AuditTarget, changes: Changes = {}, actorLabel?: string): Promise<void> {
    await this.store.audit.record({
      id: newId(),
      at: this.now(),
      action,
      actorId: by.agent?.id ?? null,
      actorLabel: clip(actorLabel ?? (by.agent ? agentLabel(by.agent) : ''), 400),
      targetType: target.type,
      targetId: target.id,
      targetLabel: clip(target.label, 400),
      ip: clip(by.ip, 64),
      userAgent: clip(by.userAgent, 512),
      changes,
    });
  }

  /** A recorder bound to one request's actor and address: what routes call, one line per change. */
  by(actor: () => AuditActor): AuditRecorder {
    const many = async (target: AuditTarget, entries: ChangeEntry[]) => {
      for (const e of entries) await this.record(actor(), e.action, target, e.changes);
    };
    return {
      record: (action, target, changes) => this.record(actor(), action, target, changes),
      signedIn: (agent) => this.record({ ...actor(), agent }, 'auth.signed_in', auditTarget.agent(agent)),
      // The address typed is the only "who" a failed sign-in has; it may name no agent at all.
      signInFailed: (email) => this.record({ ...actor(), agent: null }, 'auth.sign_in_failed', { type: 'agent', id: null, label: email }, {}, email.trim().toLowerCase()),
      agentChanged: (before, after, passwordReset) => many(auditTarget.agent(after), agentChanges(before, after, passwordReset)),
      siteChanged: (before, after) => many(auditTarget.site(after), siteChanges(before, after)),
      triggerChanged: (before, after) => many(auditTarget.trigger(after), triggerChanges(before, after)),
      teamChanged: (before, after) => many(auditTarget.team(after), teamChanges(before, after)),
      cannedChanged: (before, after) => many(auditTarget.canned(after), cannedChanges(before, after)),
    };
  }

  /** One page, newest first, with the cursor of the next (older) page or null at the end. */
  async page(filter: AuditFilter, limit: number): Promise<{ items: AuditEntry[]; next: string | null }> {
    const rows = await this.store.audit.list(filter, limit + 1);
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? auditCursor(items.at(-1)!) : null };
  }

  /** Every entry the filter selects, newest first, read a page at a time so that a large log stays flat in memory. */
  async *entries(filter: AuditFilter, pageSize = 500): AsyncGenerator<AuditEntry> {
    let before = filter.before;
    for (;;) {
      const rows = await this.store.audit.list({ ...filter, ...(before ? { before } : {}) }, pageSize);
      yield* rows;
      if (rows.length < pageSize) return;
      before = { at: rows.at(-1)!.at, id: rows.at(-1)!.id };
    }
  }

  /** Retention, run by the hourly sweep. */
  async purge(): Promise<number> {
    return this.store.audit.purgeBefore(this.now() - this.retentionDays * DAY_MS);
  }
}

export interface AuditRecorder {
  record(action: AuditAction, target: AuditTarget, changes?: Changes): Promise<void>;
  signedIn(agent: Agent): Promise<void>;
  signInFailed(email: string): Promise<void>;
  agentChanged(before: Agent, after: Agent, passwordReset: boolean): Promise<void>;
  siteChanged(before: Site, after: Site): Promise<void>;
  triggerChanged(before: Trigger, after: Trigger): Promise<void>;
  teamChanged(before: Team, after: Team): Promise<void>;
  cannedChanged(before: CannedResponse, after: CannedResponse): Promise<void>;
}
