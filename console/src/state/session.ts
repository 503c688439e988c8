import type { Agent } from '@causette/shared';
import { roleCan, type Capability } from '@causette/shared/permissions';
import { computed, signal } from '@preact/signals';
import { fetchMe, login, logout } from '../api/auth.js';
import { ApiError, setUnauthorizedHandler } from '../api/http.js';
import { t } from '../i18n/i18n.js';
import { drafts } from './drafts.js';

export type AuthState = 'checking' | 'anonymous' | 'authenticated';

export const authState = signal<AuthState>('checking');
export const currentAgent = signal<Agent | null>(null);
export const loginError = signal<string | null>(null);
export const loginPending = signal(false);
/** May the signed-in agent do this? The server's own table: a screen shows only to the roles it lets in. */
export function can(capability: Capability): boolean {
  return roleCan(currentAgent.value?.role, capability);
}
/** Supervisors and admins see every agent's load and may take chats over. */
export const canSupervise = computed(() => can('conversations.supervise'));

function startSession(agent: Agent): void {
  drafts.open(agent.id);
  currentAgent.value = agent;
  loginError.value = null;
  authState.value = 'authenticated';
}

/** Back to the login screen: logout, `session:end`, or any 401. The realtime layer tears down on this. */
export function endSession(): void {
  drafts.close();
  currentAgent.value = null;
  authState.value = 'anonymous';
}

/** On load, the server's view of the cookie decides between login and the inbox. */
export async function restoreSession(): Promise<void> {
  try {
    const { agent } = await fetchMe();
    startSession(agent);
  } catch (err) {
    if (err instanceof ApiError && err.status !== 401) loginError.value = t('login.network');
    endSession();
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  loginPending.value = true;
  loginError.value = null;
  try {
    const { agent } = await login(email, password);
    startSession(agent);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) loginError.value = err.message || t('login.failed');
    else if (err instanceof ApiError && err.status !== 0) loginError.value = err.message;
    else loginError.value = t('login.network');
  } finally {
    loginPending.value = false;
  }
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
  if (authState.value === 'authenticated') endSession();
});
