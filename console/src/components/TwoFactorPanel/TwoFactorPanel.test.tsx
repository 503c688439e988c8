import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';

const api = {
  twoFactorStatus: vi.fn(),
  startEnrolment: vi.fn(),
  confirmEnrolment: vi.fn(),
  disableTwoFactor: vi.fn(),
  regenerateRecoveryCodes: vi.fn(),
};
vi.mock('../../api/account.js', () => Object.fromEntries(Object.entries(api).map(([name, fn]) => [name, (...args: unknown[]) => fn(...args)])));
const { TwoFactorPanel } = await import('./TwoFactorPanel.js');

const CODES = Array.from({ length: 10 }, (_, i) => `abcde-fgh${String(i).padStart(2, '0')}`);
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
let root: HTMLElement;
const byLabel = (text: string) => [...root.querySelectorAll('label')].find((l) => l.textContent?.includes(text))?.querySelector('input') ?? null;
const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;
async function fill(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function submit(form: Element) {
  await act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
  await flush();
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  for (const fn of Object.values(api)) fn.mockReset();
});

describe('two-factor set-up', () => {
  it('shows the QR code and the key, refuses a wrong code, then shows the recovery codes once and reports the set-up', async () => {
    api.twoFactorStatus.mockResolvedValue({ enabled: false, required: true, recoveryCodesLeft: 0 });
    api.startEnrolment.mockResolvedValue({ uri: 'otpauth://totp/x', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', key: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    const onEnabled = vi.fn();
    act(() => render(<TwoFactorPanel onEnabled={onEnabled} />, root));
    await flush();
    expect(root.textContent).toContain('Off. Anyone with your password can sign in.');
    await act(() => button('Set up two-factor sign-in').click());
    await flush();

    const qr = root.querySelector('img')!;
    expect(qr.getAttribute('alt')).toBe('QR code to add Causette to an authenticator app');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    // Grouped by four for reading aloud and typing.
    expect(root.querySelector('[data-test=totp-key]')!.textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    api.confirmEnrolment.mockRejectedValueOnce(new ApiError(400, 'bad_request', 'That code is not right; check the time on your phone and try the next one.'));
    await fill(byLabel('Code shown by the app')!, '123456');
    await submit(root.querySelector('[data-test=enrol-confirm]')!);
    const alert = root.querySelector('[role=alert]')!;
    expect(alert.textContent).toBe('That code is not right. Check the time on your phone and try the next code.');
    expect(byLabel('Code shown by the app')!.getAttribute('aria-describedby')).toBe(alert.id);

    api.confirmEnrolment.mockResolvedValue({ recoveryCodes: CODES });
    await fill(byLabel('Code shown by the app')!, '654 321');
    await submit(root.querySelector('[data-test=enrol-confirm]')!);
    expect(api.confirmEnrolment).toHaveBeenLastCalledWith('654321');
    expect([...root.querySelectorAll('[data-test=recovery-codes] code')].map((c) => c.textContent)).toEqual(CODES);
    const download = [...root.querySelectorAll('a')].find((a) => a.textContent === 'Download')!;
    expect(download.getAttribute('download')).toBe('causette-recovery-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href')!)).toContain(CODES[9]);

    api.twoFactorStatus.mockResolvedValue({ enabled: true, required: true, recoveryCodesLeft: 10 });
    await act(() => button('I have saved them').click());
    await flush();
    expect(onEnabled).toHaveBeenCalledOnce();
    expect(root.querySelector('[data-test=recovery-codes]')).toBeNull();
    expect(root.textContent).toContain('10 recovery codes left.');
    // Required by the admin: no way to turn it off here.
    expect(root.textContent).toContain('Your admin requires two-factor sign-in, so it cannot be turned off.');
    expect(byLabel('Password')).toBeNull();
  });

  it('turns off with the password and a code when not required', async () => {
    api.twoFactorStatus.mockResolvedValue({ enabled: true, required: false, recoveryCodesLeft: 4 });
    act(() => render(<TwoFactorPanel />, root));
    await flush();
    const form = root.querySelector('[data-test=disable]')!;
    await fill(form.querySelector('input[name=password]')!, 'correct-horse-battery');
    await fill(form.querySelector('input[name=code]')!, '111222');
    api.disableTwoFactor.mockResolvedValue(undefined);
    api.twoFactorStatus.mockResolvedValue({ enabled: false, required: false, recoveryCodesLeft: 0 });
    await submit(form);
    expect(api.disableTwoFactor).toHaveBeenCalledWith('correct-horse-battery', '111222');
    expect(root.textContent).toContain('Off. Anyone with your password can sign in.');
  });
});
