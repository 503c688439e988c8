/**
 * Security catalogue — two-factor sign-in and sessions, in Chromium. The admin turns on two-factor from the
 * Account screen: the QR code shows (the console's CSP lets its SVG data URL through) with the key as text,
 * which the test's "phone" turns into codes. Signing in then takes a code after the password; a recovery code
 * works once and is refused the second time. From the sessions list, the admin ends the sign-in of another
 * browser, whose open console lands on the sign-in screen at once.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { assertNoSeriousViolations } from '../support/axe.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { T, inbox, passwordStep, signInScreen, signOut, totpCode, typeAndEnter } from '../support/two-factor.js';

const skip = requireChromium();
const STEP = 30_000;

/** Account screen → set up: reads the key on screen, confirms with the phone's code; returns key and recovery codes. */
async function enrolOnScreen(page: Page): Promise<{ key: string; codes: string[] }> {
  await page.locator(T.enable).click();
  const qr = page.getByRole('img', { name: 'QR code to add Causette to an authenticator app' });
  await waitFor('the QR code to be drawn', async () => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
  await assertNoSeriousViolations(page, 'the two-factor set-up');
  const key = ((await page.locator(T.key).textContent()) ?? '').replace(/\s/g, '');
  if (!/^[A-Z2-7]{32}$/.test(key)) throw new Error(`the key on screen reads "${key}"`);
  await page.getByLabel('Code shown by the app').fill(totpCode(key));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = await waitFor('ten recovery codes', async () => {
    const shown = await page.locator(T.recoveryCodes).allTextContents();
    return shown.length === 10 ? shown : false;
  });
  await assertNoSeriousViolations(page, 'the recovery codes');
  await page.locator(T.recoverySaved).click();
  return { key, codes };
}

describe.skipIf(skip !== null)(withReason('journey: two-factor sign-in and sessions', skip), () => {
  const journey = setupJourney('security-two-factor');
  let adminCodes: string[] = [];

  it('enrols, signs in with a code, then with a recovery code only once, and ends another browser’s session', async () => {
    const { baseUrl } = journey();
    const page = await (await journey().person('admin')).newPage();

    // A plain sign-in first: two-factor is off.
    await page.goto(`${baseUrl}/console/`);
    await page.locator('input[name=email]').fill('admin@example.com');
    await page.locator('input[name=password]').fill('e2e-journeys-password');
    await page.locator('button[type=submit]').click();
    await inbox(page);

    // Account screen → set up: QR code and key, confirmed with the phone's current code.
    await Promise.all([page.waitForURL('**/console/account'), page.locator(T.navAccount).click()]);
    const { key, codes } = await enrolOnScreen(page);
    adminCodes = codes;
    await page.locator(T.on).waitFor();

    // Sign out, then in: the password alone leads to the code, typed from the keyboard into the focused field.
    await signOut(page);
    await passwordStep(page, baseUrl);
    await assertNoSeriousViolations(page, 'the second step of the sign-in');
    await typeAndEnter(page, 'Code from the app', totpCode(key, Date.now() + STEP));
    await inbox(page);

    // Sign out, then in with a recovery code instead of the phone.
    await signOut(page);
    await passwordStep(page, baseUrl);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await typeAndEnter(page, 'Recovery code', codes[0]!);
    await inbox(page);

    // The same recovery code a second time is refused, and the agent stays on the second step.
    await signOut(page);
    await passwordStep(page, baseUrl);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await typeAndEnter(page, 'Recovery code', codes[0]!);
    const refused = await waitFor('the refusal', async () => (await page.locator(T.loginError).textContent({ timeout: 1_000 })) ?? false);
    assertEqual('the message for a spent recovery code', refused, 'That recovery code is not right or was already used.');
    assertEqual('the recovery code field still on screen', await page.getByLabel('Recovery code').isVisible(), true);
    await page.getByLabel('Recovery code').fill(codes[1]!);
    await page.keyboard.press('Enter');
    await inbox(page);

    // Another browser (a shared computer) signs in too and stays open on the inbox.
    const other = await (await journey().person('shared-computer')).newPage();
    await passwordStep(other, baseUrl);
    await other.getByRole('button', { name: 'Use a recovery code' }).click();
    await typeAndEnter(other, 'Recovery code', codes[2]!);
    await inbox(other);

    // From the Account screen, the admin sees both sign-ins and ends the other one.
    await Promise.all([page.waitForURL('**/console/account'), page.locator(T.navAccount).click()]);
    const rows = page.locator(`${T.sessions} ${T.session}`);
    await waitFor('two sign-ins listed, one of them this device', async () => (await rows.count()) === 2 && (await rows.filter({ hasText: 'This device' }).count()) === 1);
    await assertNoSeriousViolations(page, 'the sessions list');
    const device = ((await rows.filter({ hasNotText: 'This device' }).locator('strong').textContent()) ?? '').trim();
    assertEqual('the other sign-in described by its browser and system', device, 'Chrome on Linux');
    await page.getByRole('button', { name: `Sign out ${device}` }).click();
    await waitFor('one sign-in left', async () => (await rows.count()) === 1);

    // The other browser's console lands on the sign-in screen without anyone touching it.
    await signInScreen(other);
    assertEqual('no error shown on the ended console', await other.locator(T.loginError).count(), 0);
  });

  it('once the admin requires two-factor, an agent without it can only set it up, then reaches the inbox', async () => {
    const { baseUrl } = journey();
    if (adminCodes.length === 0) throw new Error('this part goes on from the first (the admin has two-factor now): run the whole file');
    const admin = await (await journey().person('admin-again')).newPage();
    await passwordStep(admin, baseUrl);
    await admin.getByRole('button', { name: 'Use a recovery code' }).click();
    await typeAndEnter(admin, 'Recovery code', adminCodes[3]!);
    await inbox(admin);
    const created = await admin.evaluate(async () => {
      const res = await fetch('/api/agents', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'noa@example.com', name: 'Noa', password: 'noa-agent-password', role: 'agent' }),
      });
      return res.status;
    });
    assertEqual('the agent created', created, 201);

    await Promise.all([admin.waitForURL('**/console/settings'), admin.locator('[data-test=nav-settings]').click()]);
    const rules = admin.locator('[data-test=security-settings]');
    await rules.getByLabel('Require two-factor sign-in for every account').check();
    await rules.getByRole('button', { name: 'Save' }).click();
    await rules.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    const agent = await (await journey().person('noa')).newPage();
    await agent.goto(`${baseUrl}/console/`);
    await agent.locator('input[name=email]').fill('noa@example.com');
    await agent.locator('input[name=password]').fill('noa-agent-password');
    await agent.locator('button[type=submit]').click();
    await agent.locator('[data-test=enrol-required]').waitFor({ timeout: 15_000 });
    assertEqual('no navigation while two-factor is missing', await agent.locator('[data-test=nav-inbox]').count(), 0);
    await enrolOnScreen(agent);
    await inbox(agent);
  });
});
