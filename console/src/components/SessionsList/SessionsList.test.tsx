import type { AuthSessionView } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = { listSessions: vi.fn(), revokeSession: vi.fn(), revokeOtherSessions: vi.fn() };
vi.mock('../../api/account.js', () => Object.fromEntries(Object.entries(api).map(([name, fn]) => [name, (...args: unknown[]) => fn(...args)])));
const { SessionsList } = await import('./SessionsList.js');

const session = (id: string, over: Partial<AuthSessionView> = {}): AuthSessionView => ({
  id,
  device: 'desktop',
  browser: 'Chrome',
  os: 'Linux',
  ip: '203.0.113.7',
  createdAt: Date.UTC(2026, 0, 5, 9),
  lastSeenAt: Date.UTC(2026, 0, 6, 9),
  current: false,
  ...over,
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  for (const fn of Object.values(api)) fn.mockReset();
});

describe('sessions list', () => {
  it('marks this device, labels each sign-out button with its device, and ends one', async () => {
    api.listSessions.mockResolvedValueOnce({ items: [session('here00000001', { current: true }), session('there0000001', { browser: 'Firefox', os: 'macOS' })] });
    act(() => render(<SessionsList />, root));
    await flush();
    const rows = [...root.querySelectorAll('[data-test=session]')];
    expect(rows.map((r) => r.querySelector('strong')!.textContent)).toEqual(['Chrome on Linux', 'Firefox on macOS']);
    expect(rows[0]!.textContent).toContain('This device');
    expect(rows[0]!.querySelector('button')).toBeNull();
    expect(rows[1]!.textContent).toContain('203.0.113.7');
    const revoke = rows[1]!.querySelector('button')!;
    expect(revoke.getAttribute('aria-label')).toBe('Sign out Firefox on macOS');

    api.revokeSession.mockResolvedValue(undefined);
    api.listSessions.mockResolvedValueOnce({ items: [session('here00000001', { current: true })] });
    await act(() => revoke.click());
    await flush();
    expect(api.revokeSession).toHaveBeenCalledWith('there0000001');
    expect(root.querySelectorAll('[data-test=session]')).toHaveLength(1);
    expect(root.querySelector('[data-test=revoke-others]')).toBeNull();
  });

  it('signs out everywhere else and says how many', async () => {
    api.listSessions.mockResolvedValueOnce({ items: [session('here00000001', { current: true }), session('a00000000001'), session('b00000000001')] });
    act(() => render(<SessionsList />, root));
    await flush();
    api.revokeOtherSessions.mockResolvedValue({ ended: 2 });
    api.listSessions.mockResolvedValueOnce({ items: [session('here00000001', { current: true })] });
    await act(() => root.querySelector<HTMLButtonElement>('[data-test=revoke-others]')!.click());
    await flush();
    expect(root.querySelector('[role=status]')!.textContent).toBe('Signed out of 2 other sessions.');
  });
});
