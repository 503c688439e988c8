import type { Agent } from '@causette/shared';
import { roleCan, type Capability } from '@causette/shared/permissions';
import { computed, signal } from '@preact/signals';
import { twoFactorStatus } from '../api/account.js';
import { fetchMe, login, loginSecondFactor, logout } from '../api/auth.js';
import { ApiError, setUnauthorizedHandler } from '../api/http.js';
import { t } from '../i18n/i18n.js';
import { drafts } from './drafts.js';

/** `enrol`: signed in, but the admin requires two-factor and this account has none yet: only the set-up is open. */
export type AuthState = 'checking' | 'anonymous' | 'enrol' | 'authenticated';

export const authState = signal<AuthState>('checking');
export const currentAgent = signal<Agent | null>(null);
export const loginError = signal<string | null>(null);
export const loginPending = signal(false);
/** May the signed-in agent do this? The server's own table: a screen shows only to the roles it lets in. */
export function can(capability: Capability): boolean {
  return roleCan(currentAgent.value?.role, capability);
}
/** Between the right password and the code: the server's short-lived ticket for the second step. */
export const loginTicket = signal<string | null>(null);
/** Supervisors and admins see every agent's load and may take chats over. */
export const canSupervise = computed(() => can('conversations.supervise'));

async function startSession(agent: Agent): Promise<void> {
  drafts.open(agent.id);
  currentAgent.value = agent;
  loginError.value = null;
  loginTicket.value = null;
  let mustEnrol = false;
  try {
    const status = await twoFactorStatus();
    mustEnrol = status.required && !status.enabled;
  } catch {
    // Not knowing is not a reason to keep the agent out; the server refuses what it must.
  }
  authState.value = mustEnrol ? 'enrol' : 'authenticated';
}

export function requireEnrolment(): void {
  if (authState.value === 'authenticated') authState.value = 'enrol';
}

/** Two-factor is now on: the rest of the console opens. */
export function enrolmentDone(): void {
  if (authState.value === 'enrol') authState.value = 'authenticated';
}

/** Back to the login screen: logout, `session:end`, or any 401. The realtime layer tears down on this. */
export function endSession(): void {
  drafts.close();
  currentAgent.value = null;
  loginTicket.value = null;
  authState.value = 'anonymous';
}

/** On load, the server's view of the cookie decides between login and the inbox. */
export async function restoreSession(): Promise<void> {
  try {
    const { agent } = await fetchMe();
    await startSession(agent);
  } catch (err) {
    if (err instanceof ApiError && err.status !== 401) loginError.value = t('login.network');
    endSession();
  }
}

function showLoginFailure(err: unknown, wrong: string): void {
  if (err instanceof ApiError && err.status === 401) loginError.value = wrong;
  else if (err instanceof ApiError && err.status !== 0) loginError.value = err.message;
  else loginError.value = t('login.network');
}

export async function signIn(email: string, password: string): Promise<void> {
  loginPending.value = true;
  loginError.value = null;
  try {
    const reply = await login(email, password);
    if ('agent' in reply) await startSession(reply.agent);
    else loginTicket.value = reply.ticket;
  } catch (err) {
    showLoginFailure(err, err instanceof Error && err.message ? err.message : t('login.failed'));
  } finally {
    loginPending.value = false;
  }
}

/** The second step of a two-factor sign-in. */
export async function submitSecondFactor(proof: { code: string } | { recoveryCode: string }): Promise<void> {
  const ticket = loginTicket.value;
  if (!ticket) return;
  loginPending.value = true;
  loginError.value = null;
  try {
    const { agent } = await loginSecondFactor(ticket, proof);
    await startSession(agent);
  } catch (err) {
    showLoginFailure(err, 'code' in proof ? t('login.codeWrong') : t('login.recoveryWrong'));
  } finally {
    loginPending.value = false;
  }
}

/** Back from the second step to email and password. */
export function cancelSecondFactor(): void {
  loginTicket.value = null;
  loginError.value = null;
}

export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch {
    // The cookie may already be gone; the agent still leaves.
  }
  endSession();
}

setUnauthorizedHandler(() => {
  if (authState.value === 'authenticated' || authState.value === 'enrol') endSession();
});
