import type { Agent, LoginReply } from '@causette/shared';
import { request } from './http.js';

/** Signed in, or `{secondFactor, ticket}` when the account has two-factor sign-in. */
export function login(email: string, password: string): Promise<LoginReply> {
  return request('/api/auth/login', { method: 'POST', body: { email, password }, allowUnauthorized: true });
}

/** The second step: a code from the app, or one of the recovery codes. */
export function loginSecondFactor(ticket: string, proof: { code: string } | { recoveryCode: string }): Promise<{ agent: Agent }> {
  return request('/api/auth/login/second-factor', { method: 'POST', body: { ticket, ...proof }, allowUnauthorized: true });
}

export function logout(): Promise<void> {
  return request('/api/auth/logout', { method: 'POST', allowUnauthorized: true });
}

export function fetchMe(): Promise<{ agent: Agent }> {
  return request('/api/auth/me', { allowUnauthorized: true });
}
