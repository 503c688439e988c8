import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';

const api = { getSecuritySettings: vi.fn(), saveSecuritySettings: vi.fn() };
vi.mock('../../api/account.js', () => Object.fromEntries(Object.entries(api).map(([name, fn]) => [name, (...args: unknown[]) => fn(...args)])));
const { SecuritySettingsEditor, parseIdleMinutes } = await import('./SecuritySettingsEditor.js');

const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
let root: HTMLElement;
const q = <T extends Element>(s: string) => root.querySelector<T>(s)!;
async function fill(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
beforeEach(async () => {
  api.getSecuritySettings.mockResolvedValue({ requireTwoFactor: false, idleTimeoutMinutes: 30 });
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<SecuritySettingsEditor />, root));
  await flush();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  for (const fn of Object.values(api)) fn.mockReset();
});

describe('security settings', () => {
  it('reads "never" from an empty idle timeout and refuses anything but whole minutes in range', () => {
    expect(parseIdleMinutes('')).toBeNull();
    expect(parseIdleMinutes(' 45 ')).toBe(45);
    for (const bad of ['0', '1.5', '-3', '43201', 'abc']) expect(parseIdleMinutes(bad)).toBeUndefined();
  });

  it('saves require-two-factor and the idle timeout; an invalid timeout is refused before sending', async () => {
    expect(q<HTMLInputElement>('input[name=idleTimeoutMinutes]').value).toBe('30');
    await fill(q('input[name=idleTimeoutMinutes]'), '0');
    expect(q('input[name=idleTimeoutMinutes]').getAttribute('aria-invalid')).toBe('true');
    await act(() => void q('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(q('[role=alert]').textContent).toBe('Idle timeout: a whole number of minutes from 1 to 43200, or empty.');
    expect(api.saveSecuritySettings).not.toHaveBeenCalled();

    await fill(q('input[name=idleTimeoutMinutes]'), '');
    await act(() => q<HTMLInputElement>('input[name=requireTwoFactor]').click());
    api.saveSecuritySettings.mockResolvedValue({ requireTwoFactor: true, idleTimeoutMinutes: null });
    await act(() => void q('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(api.saveSecuritySettings).toHaveBeenCalledWith({ requireTwoFactor: true, idleTimeoutMinutes: null });
    expect(q('[role=status]').textContent).toBe('Settings saved.');
  });

  it("shows the server's refusal (an admin without two-factor requiring it)", async () => {
    await act(() => q<HTMLInputElement>('input[name=requireTwoFactor]').click());
    api.saveSecuritySettings.mockRejectedValue(new ApiError(409, 'conflict', 'Turn on two-factor sign-in for your own account first.'));
    await act(() => void q('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(q('[role=alert]').textContent).toContain('Turn on two-factor sign-in for your own account first.');
  });
});
