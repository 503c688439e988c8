import { createHash, randomBytes } from 'node:crypto';
import type { Agent } from '@causette/shared';
import type { Store } from '../store/store.js';
import { publicAgent } from '../store/sql-store.js';
import { DomainError } from './errors.js';
import type { Notifier } from './notifier.js';
import { decoyHash, verifyPassword } from './passwords.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Session tokens are stored hashed, so a copy of the database cannot sign anyone in. */
export function authSessionId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class AuthService {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly now: () => number = Date.now,
  ) {}

  async login(email: string, password: string): Promise<{ token: string; agent: Agent; expiresAt: number }> {
    const agent = await this.store.agents.byEmail(email.trim());
    // Always verify against some hash so that unknown emails take as long as wrong passwords.
    const ok = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash()));
    if (!agent || !ok || agent.disabled) throw new DomainError('unauthenticated', 'Wrong email or password.');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + SESSION_TTL_MS;
    await this.store.authSessions.create({ id: authSessionId(token), agentId: agent.id, expiresAt });
    return { token, agent: publicAgent(agent), expiresAt };
  }

  /** The signed-in agent for a session token, or null when the session is unknown, expired or the agent disabled. */
  async resolve(token: string | undefined): Promise<{ agent: Agent; sessionId: string } | null> {
    if (!token) return null;
    const sessionId = authSessionId(token);
    const session = await this.store.authSessions.get(sessionId);
    if (!session || session.expiresAt <= this.now()) return null;
    const agent = await this.store.agents.byId(session.agentId);
    if (!agent || agent.disabled) return null;
    return { agent: publicAgent(agent), sessionId };
  }

  async logout(token: string): Promise<void> {
    const sessionId = authSessionId(token);
    await this.store.authSessions.delete(sessionId);
    this.notifier.endAuthSession(sessionId, 'logged_out');
  }

  /** Disabling or changing an agent's access ends their sign-ins at once. */
  async revokeAgent(agentId: string, reason: string): Promise<void> {
    await this.store.authSessions.deleteForAgent(agentId);
    this.notifier.endAgent(agentId, reason);
  }
}
