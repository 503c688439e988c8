import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';

const api = { login: vi.fn(), loginSecondFactor: vi.fn(), fetchMe: vi.fn(), logout: vi.fn() };
vi.mock('../../api/auth.js', () => ({
  login: (...args: unknown[]) => api.login(...args),
  loginSecondFactor: (...args: unknown[]) => api.loginSecondFactor(...args),
  fetchMe: (...args: unknown[]) => api.fetchMe(...args),
  logout: (...args: unknown[]) => api.logout(...args),
}));
const twoFactorStatus = vi.fn();
vi.mock('../../api/account.js', () => ({ twoFactorStatus: () => twoFactorStatus() }));

const { authState, currentAgent, endSession } = await import('../../state/session.js');
const { Login } = await import('./Login.js');

const ADA = { id: 'agent0000001', name: 'Ada', email: 'ada@example.com', role: 'agent', status: 'online' } as Agent;
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
let root: HTMLElement;
const byLabel = (text: string) => {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes(text));
  return label?.querySelector('input') ?? null;
};
const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;
async function type(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function submit() {
  await act(() => void root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
  await flush();
}

beforeEach(() => {
  authState.value = 'anonymous';
  twoFactorStatus.mockResolvedValue({ enabled: true, required: false, recoveryCodesLeft: 9 });
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Login />, root));
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  endSession();
  for (const fn of Object.values(api)) fn.mockReset();
});

async function passwordStep() {
  api.login.mockResolvedValue({ secondFactor: 'totp', ticket: 'ticket-abcdefghijklmnopqrstuvwxyz', expiresAt: Date.now() + 300_000 });
  await type(byLabel('Email')!, 'ada@example.com');
  await type(byLabel('Password')!, 'correct-horse-battery');
  await submit();
}

describe('login, second step', () => {
  it('asks for the app code after the right password, and signs in with it', async () => {
    await passwordStep();
    expect(authState.value).toBe('anonymous');
    expect(root.querySelector('h1')!.textContent).toBe('Two-factor sign-in');
    const code = byLabel('Code from the app')!;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(document.activeElement).toBe(code);

    api.loginSecondFactor.mockResolvedValue({ agent: ADA });
    await type(code, '123 456');
    await submit();
    expect(api.loginSecondFactor).toHaveBeenCalledWith('ticket-abcdefghijklmnopqrstuvwxyz', { code: '123456' });
    expect(authState.value).toBe('authenticated');
    expect(currentAgent.value?.id).toBe(ADA.id);
  });

  it('says so when the code is wrong, and stays on the second step', async () => {
    await passwordStep();
    api.loginSecondFactor.mockRejectedValue(new ApiError(401, 'unauthenticated', 'That code is not right, or your sign-in expired.'));
    await type(byLabel('Code from the app')!, '000000');
    await submit();
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('That code is not right, or your sign-in expired. Try the next code.');
    expect(byLabel('Code from the app')).not.toBeNull();
    expect(authState.value).toBe('anonymous');
  });

  it('takes a recovery code instead, from a keyboard-reachable switch', async () => {
    await passwordStep();
    const toggle = button('Use a recovery code');
    expect(toggle.getAttribute('type')).toBe('button');
    await act(() => toggle.click());
    const recovery = byLabel('Recovery code')!;
    expect(byLabel('Code from the app')).toBeNull();
    api.loginSecondFactor.mockRejectedValueOnce(new ApiError(401, 'unauthenticated', 'x'));
    await type(recovery, 'abcde-fghjk');
    await submit();
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('That recovery code is not right or was already used.');
    api.loginSecondFactor.mockResolvedValue({ agent: ADA });
    await type(byLabel('Recovery code')!, 'mnpqr-stuvw');
    await submit();
    expect(api.loginSecondFactor).toHaveBeenLastCalledWith('ticket-abcdefghijklmnopqrstuvwxyz', { recoveryCode: 'mnpqr-stuvw' });
    expect(authState.value).toBe('authenticated');
  });

  it('goes back to email and password', async () => {
    await passwordStep();
    await act(() => button('Back to sign-in').click());
    expect(byLabel('Email')).not.toBeNull();
  });

  it('sends an agent the admin requires two-factor of, who has none, to set it up first', async () => {
    api.login.mockResolvedValue({ agent: ADA });
    twoFactorStatus.mockResolvedValue({ enabled: false, required: true, recoveryCodesLeft: 0 });
    await type(byLabel('Email')!, 'ada@example.com');
    await type(byLabel('Password')!, 'correct-horse-battery');
    await submit();
    expect(authState.value).toBe('enrol');
  });
});
