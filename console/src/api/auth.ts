import type { Agent } from '@causette/shared';
import { request } from './http.js';

export function login(email: string, password: string): Promise<{ agent: Agent }> {
  return request('/api/auth/login', { method: 'POST', body: { email, password }, allowUnauthorized: true });
}

export function logout(): Promise<void> {
  return request('/api/auth/logout', { method: 'POST', allowUnauthorized: true });
}

export function fetchMe(): Promise<{ agent: Agent }> {
  return request('/api/auth/me', { allowUnauthorized: true });
}
