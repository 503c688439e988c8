import type { AuthSessionView, SecuritySettings, TwoFactorEnrolment, TwoFactorStatus } from '@causette/shared';
import { request } from './http.js';

export const twoFactorStatus = (): Promise<TwoFactorStatus> => request('/api/account/two-factor');
export const startEnrolment = (): Promise<TwoFactorEnrolment> => request('/api/account/two-factor/enrol', { method: 'POST' });
export const confirmEnrolment = (code: string): Promise<{ recoveryCodes: string[] }> => request('/api/account/two-factor/confirm', { method: 'POST', body: { code } });
export const disableTwoFactor = (password: string, code: string): Promise<void> => request('/api/account/two-factor/disable', { method: 'POST', body: { password, code } });
export const regenerateRecoveryCodes = (code: string): Promise<{ recoveryCodes: string[] }> => request('/api/account/two-factor/recovery-codes', { method: 'POST', body: { code } });

export const listSessions = (): Promise<{ items: AuthSessionView[] }> => request('/api/account/sessions');
export const revokeSession = (id: string): Promise<void> => request(`/api/account/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const revokeOtherSessions = (): Promise<{ ended: number }> => request('/api/account/sessions/revoke-others', { method: 'POST' });

export const getSecuritySettings = (): Promise<SecuritySettings> => request('/api/security-settings');
export const saveSecuritySettings = (settings: SecuritySettings): Promise<SecuritySettings> => request('/api/security-settings', { method: 'PUT', body: settings });
