import { createHash, randomBytes } from 'node:crypto';
import type { Agent, SecuritySettings } from '@causette/shared';
import type { Store } from '../store/store.js';
import { publicAgent } from './mappers.js';
import { DomainError } from './errors.js';
import type { Notifier } from './notifier.js';
import { decoyHash, verifyPassword } from './passwords.js';
import type { TwoFactorService } from './two-factor.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Between the right password and the code. */
export const LOGIN_TICKET_TTL_MS = 5 * 60 * 1000;
/** "Last seen" is written at most this often per sign-in: one write a minute, however busy the console. */
export const LAST_SEEN_GRANULARITY_MS = 60 * 1000;
/** How long a process trusts its copy of the security settings (another process may change them). */
const SETTINGS_TTL_MS = 5000;

/** Session tokens are stored hashed, so a copy of the database cannot sign anyone in. */
export function authSessionId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Where a sign-in comes from, kept with it for the sessions list. */
export interface SignInContext {
  userAgent: string;
  ip: string;
}
export interface SignedIn {
  kind: 'signed_in';
  token: string;
  sessionId: string;
  agent: Agent;
  expiresAt: number;
}
export interface SecondFactorNeeded {
  kind: 'second_factor';
  ticket: string;
  expiresAt: number;
  agentId: string;
}
export interface Resolved {
  agent: Agent;
  sessionId: string;
  /** The admin requires two-factor and this agent has not set it up: only enrolment and sign-out are open. */
  twoFactorMissing: boolean;
}
/** What happened, for whoever listens (the audit log): kept out of this class on purpose. */
export type AuthEvent =
  | { type: 'signed_in'; agentId: string; sessionId: string; secondFactor: 'none' | 'totp' | 'recovery_code'; ip: string; userAgent: string }
  | { type: 'second_factor_failed'; agentId: string; ip: string }
  | { type: 'session_revoked'; agentId: string; sessionIds: string[]; by: 'self' | 'admin' | 'idle' }
  | { type: 'two_factor_changed'; agentId: string; change: 'enabled' | 'disabled' | 'recovery_codes_renewed' | 'reset_by_admin'; by: string };

export class AuthService {
  private readonly listeners: Array<(event: AuthEvent) => void> = [];
  private settingsCache: { value: SecuritySettings; until: number } | null = null;
  private idleTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly twoFactor: TwoFactorService,
    private readonly now: () => number = Date.now,
  ) {}

  onEvent(listener: (event: AuthEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Also for the routes that change an account's two-factor sign-in, so one listener hears every change. */
  emit(event: AuthEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async settings(): Promise<SecuritySettings> {
    if (this.settingsCache && this.settingsCache.until > this.now()) return this.settingsCache.value;
    const value = await this.store.securitySettings.get();
    this.settingsCache = { value, until: this.now() + SETTINGS_TTL_MS };
    return value;
  }

  async updateSettings(value: SecuritySettings): Promise<SecuritySettings> {
    await this.store.securitySettings.set(value);
    this.settingsCache = null;
    return value;
  }

  /** The right password signs in, or, when two-factor is on for the account, opens a ticket for the code. */
  async login(email: string, password: string, context: SignInContext): Promise<SignedIn | SecondFactorNeeded> {
    const agent = await this.store.agents.byEmail(email.trim());
    // Always verify against some hash so that unknown emails take as long as wrong passwords.
    const ok = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash()));
    if (!agent || !ok || agent.disabled) throw new DomainError('unauthenticated', 'Wrong email or password.');
    if (await this.twoFactor.isEnabled(agent.id)) {
      const ticket = randomBytes(32).toString('base64url');
      const expiresAt = this.now() + LOGIN_TICKET_TTL_MS;
      await this.store.twoFactor.createTicket({ id: authSessionId(ticket), agentId: agent.id, expiresAt });
      return { kind: 'second_factor', ticket, expiresAt, agentId: agent.id };
    }
    return this.startSession(publicAgent(agent), context, 'none');
  }

  /** The agent a pending ticket is for, or null when it is unknown or expired. */
  async ticketAgent(ticket: string): Promise<string | null> {
    return this.store.twoFactor.ticket(authSessionId(ticket), this.now());
  }

  /** The second step: a current code or an unused recovery code finishes the sign-in the ticket started. */
  async completeSecondFactor(ticket: string, proof: { code?: string; recoveryCode?: string }, context: SignInContext): Promise<SignedIn> {
    const agentId = await this.ticketAgent(ticket);
    const refused = new DomainError('unauthenticated', 'That code is not right, or your sign-in expired.');
    if (!agentId) throw refused;
    const ok = proof.code !== undefined ? await this.twoFactor.verifyCode(agentId, proof.code) : proof.recoveryCode !== undefined && (await this.twoFactor.verifyRecoveryCode(agentId, proof.recoveryCode));
    if (!ok) {
      this.emit({ type: 'second_factor_failed', agentId, ip: context.ip });
      throw refused;
    }
    // Spent exactly once, so that one ticket never opens two sessions.
    if (!(await this.store.twoFactor.spendTicket(authSessionId(ticket), this.now()))) throw refused;
    const agent = await this.store.agents.byId(agentId);
    if (!agent || agent.disabled) throw refused;
    return this.startSession(publicAgent(agent), context, proof.code !== undefined ? 'totp' : 'recovery_code');
  }

  private async startSession(agent: Agent, context: SignInContext, secondFactor: 'none' | 'totp' | 'recovery_code'): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const sessionId = authSessionId(token);
    const expiresAt = this.now() + SESSION_TTL_MS;
    await this.store.authSessions.create({ id: sessionId, agentId: agent.id, expiresAt, userAgent: context.userAgent, ip: context.ip, now: this.now() });
    this.emit({ type: 'signed_in', agentId: agent.id, sessionId, secondFactor, ip: context.ip, userAgent: context.userAgent });
    return { kind: 'signed_in', token, sessionId, agent, expiresAt };
  }

  /**
   * The signed-in agent for a session token, or null when the session is unknown, expired, idle longer than the
   * admin allows, or the agent disabled. Each use counts as activity (written once a minute at most).
   */
  async resolve(token: string | undefined): Promise<Resolved | null> {
    if (!token) return null;
    const sessionId = authSessionId(token);
    const session = await this.store.authSessions.get(sessionId);
    const now = this.now();
    if (!session || session.expiresAt <= now) return null;
    const settings = await this.settings();
    if (settings.idleTimeoutMinutes !== null && now - session.lastSeenAt > settings.idleTimeoutMinutes * 60_000) {
      await this.store.authSessions.delete(sessionId);
      this.notifier.endAuthSession(sessionId, 'idle');
      this.emit({ type: 'session_revoked', agentId: session.agentId, sessionIds: [sessionId], by: 'idle' });
      return null;
    }
    const agent = await this.store.agents.byId(session.agentId);
    if (!agent || agent.disabled) return null;
    if (now - session.lastSeenAt >= LAST_SEEN_GRANULARITY_MS) await this.store.authSessions.touch(sessionId, now, LAST_SEEN_GRANULARITY_MS);
    const twoFactorMissing = settings.requireTwoFactor && !(await this.twoFactor.isEnabled(agent.id));
    return { agent: publicAgent(agent), sessionId, twoFactorMissing };
  }

  /**
   * Ends idle sign-ins without waiting for their next request, so that a console left open shows the sign-in
   * screen once the timeout passes. Every process may run it: a sign-in is deleted (and told) once.
   */
  async sweepIdle(): Promise<void> {
    const { idleTimeoutMinutes } = await this.settings();
    if (idleTimeoutMinutes === null) return;
    for (const s of await this.store.authSessions.deleteIdle(this.now() - idleTimeoutMinutes * 60_000)) {
      this.notifier.endAuthSession(s.id, 'idle');
      this.emit({ type: 'session_revoked', agentId: s.agentId, sessionIds: [s.id], by: 'idle' });
    }
  }

  startIdleSweep(intervalMs: number, onError: (err: unknown) => void): void {
    this.idleTimer = setInterval(() => void this.sweepIdle().catch(onError), intervalMs);
    this.idleTimer.unref();
  }

  stopIdleSweep(): void {
    clearInterval(this.idleTimer);
  }

  async logout(token: string): Promise<void> {
    const sessionId = authSessionId(token);
    await this.store.authSessions.delete(sessionId);
    this.notifier.endAuthSession(sessionId, 'logged_out');
  }

  /** End one of the agent's own sign-ins; someone else's answers like a missing one. */
  async revokeSession(agentId: string, sessionId: string): Promise<void> {
    const session = await this.store.authSessions.get(sessionId);
    if (!session || session.agentId !== agentId) throw new DomainError('not_found', 'No such sign-in.');
    await this.store.authSessions.delete(sessionId);
    this.notifier.endAuthSession(sessionId, 'revoked');
    this.emit({ type: 'session_revoked', agentId, sessionIds: [sessionId], by: 'self' });
  }

  /** "Sign out everywhere else". */
  async revokeOtherSessions(agentId: string, keepSessionId: string): Promise<number> {
    const ended = await this.store.authSessions.deleteForAgent(agentId, keepSessionId);
    for (const id of ended) this.notifier.endAuthSession(id, 'revoked');
    if (ended.length) this.emit({ type: 'session_revoked', agentId, sessionIds: ended, by: 'self' });
    return ended.length;
  }

  /** Disabling or changing an agent's access ends their sign-ins at once. */
  async revokeAgent(agentId: string, reason: string): Promise<void> {
    const ended = await this.store.authSessions.deleteForAgent(agentId);
    this.notifier.endAgent(agentId, reason);
    if (ended.length) this.emit({ type: 'session_revoked', agentId, sessionIds: ended, by: 'admin' });
  }
}
