/**
 * Two-factor sign-in as an agent goes through it in the console. The test plays the phone: it computes the code
 * from the key the console shows, with the same TOTP settings an authenticator app uses (RFC 6238, 30 s).
 */
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { C } from './console.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.js';
import { waitFor } from './wait.js';

export const T = {
  navAccount: '[data-test=nav-account]',
  enable: '[data-test=enable-two-factor]',
  key: '[data-test=totp-key]',
  confirmForm: '[data-test=enrol-confirm]',
  recoveryCodes: '[data-test=recovery-codes] code',
  recoverySaved: '[data-test=recovery-saved]',
  on: '[data-test=two-factor-on]',
  sessions: '[data-test=sessions]',
  session: '[data-test=session]',
  revoke: '[data-test=revoke-session]',
  loginError: '[data-test=login-error]',
} as const;

export function totpCode(key: string, at = Date.now()): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(key.replace(/\s/g, '')) }).generate({ timestamp: at });
}

/** Email and password on the sign-in screen; waits for the second step to ask for a code. */
export async function passwordStep(page: Page, baseUrl: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor({ timeout: 15_000 });
}

/**
 * Waits for the console to move the focus into the field labelled `label` (it does so when the field appears),
 * then types into it as a keyboard user would, and presses Enter.
 */
export async function typeAndEnter(page: Page, label: 'Code from the app' | 'Recovery code', text: string): Promise<void> {
  await waitFor(`the focus in "${label}"`, () => page.getByLabel(label).evaluate((input) => input === document.activeElement));
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export const inbox = (page: Page) => page.locator(C.queue).waitFor({ state: 'visible', timeout: 15_000 });
export const signInScreen = (page: Page) => page.locator('input[name=email]').waitFor({ state: 'visible', timeout: 15_000 });

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await signInScreen(page);
}
