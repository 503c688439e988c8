/**
 * Journey: the admin's audit log. Someone at the shop's front desk fails to sign in as the admin on purpose. The
 * admin signs in, makes Olga a supervisor (no console screen manages agents yet: the console's own session calls
 * the API from the page) and renames a trigger in the trigger editor. On the Audit log screen the admin sees the
 * three entries with who, what, on what, from where and the change; filters by "Role changed" and sees only that;
 * downloads the CSV, whose rows are the ones on screen; and axe finds nothing serious on the screen.
 */
import { readFile } from 'node:fs/promises';
import type { Agent } from '@causette/shared';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { assertNoSeriousViolations } from '../support/axe.js';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.js';
import { createTrigger, demoSite, triggerInput } from '../support/triggers.js';
import { assertEqual, waitFor } from '../support/wait.js';

const skip = requireChromium();

const A = {
  nav: '[data-test=nav-audit]',
  table: '[data-part=audit-table]',
  row: '[data-part=audit-table] tbody tr',
  apply: '[data-test=audit-apply]',
  csv: '[data-test=audit-download-csv]',
} as const;

interface Row {
  action: string;
  who: string;
  what: string;
  target: string;
  where: string;
  change: string;
}
const rowsOf = (page: Page): Promise<Row[]> =>
  page.locator(A.row).evaluateAll((trs) =>
    trs.map((tr) => {
      const text = (part: string) => (tr.querySelector(`[data-part=${part}]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return { action: tr.getAttribute('data-action') ?? '', who: text('audit-actor'), what: text('audit-action'), target: text('audit-target'), where: text('audit-where'), change: text('audit-change') };
    }),
  );

/** A CSV of plain rows as the export writes them: quoted cells may hold commas, quotes are doubled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\n')) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

describe.skipIf(skip !== null)(withReason('journey: the audit log screen', skip), () => {
  const journey = setupJourney('security-audit-log');

  it('the admin finds a failed sign-in, a role change and a trigger edit with who, what and where, filters them and downloads the CSV', async () => {
    const { baseUrl } = journey();
    const setupContext = await journey().person('setup');
    await setupContext.request.post(`${baseUrl}/api/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const site = await demoSite(setupContext, baseUrl);
    const created = await setupContext.request.post(`${baseUrl}/api/agents`, { data: { email: 'olga@example.com', name: 'Olga', password: 'olga-agent-password', role: 'agent' } });
    const olga = (await created.json()) as Agent;
    await createTrigger(setupContext, baseUrl, triggerInput(site.id, { name: 'Cart helper', conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'equals', value: '/demo/cart.html' }] } }));

    // Someone tries the admin's address with a wrong password, in the real sign-in form.
    const stranger = await (await journey().person('stranger')).newPage();
    await stranger.goto(`${baseUrl}/console/`);
    await stranger.locator('input[name=email]').fill(ADMIN_EMAIL);
    await stranger.locator('input[name=password]').fill('letmein-please');
    await stranger.locator('button[type=submit]').click();
    await stranger.locator('[data-test=login-error]').waitFor();

    const admin = await (await journey().person('admin')).newPage();
    await loginAgent(admin, baseUrl);
    const browserAgent = await admin.evaluate(() => navigator.userAgent);
    // Olga becomes a supervisor, with the console's own session, from the console's page.
    const status = await admin.evaluate(
      async (id) => (await fetch(`/api/agents/${id}`, { method: 'PATCH', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'supervisor' }) })).status,
      olga.id,
    );
    assertEqual('the role change answer', status, 200);

    // The trigger is renamed in the editor.
    await admin.locator('[data-test=nav-triggers]').click();
    await admin.locator('[data-test=trigger-link]', { hasText: 'Cart helper' }).click();
    await admin.locator('input[name=trigger-name]').fill('Cart helper (weekend)');
    await admin.locator('[data-test=save-trigger]').click();
    await waitFor('the trigger to be saved', async () => (await admin.locator('.editor__saved').textContent())?.trim() !== '');

    // The Audit log screen, newest first.
    await admin.locator(A.nav).click();
    await admin.waitForURL('**/console/audit');
    await admin.locator(A.table).waitFor();
    const rows = await rowsOf(admin);
    const find = (action: string) => {
      const row = rows.find((r) => r.action === action);
      if (!row) throw new Error(`no ${action} row among ${JSON.stringify(rows.map((r) => r.action))}`);
      return row;
    };
    assertEqual('the trigger edit', find('trigger.updated'), {
      action: 'trigger.updated',
      who: `Admin <${ADMIN_EMAIL}>`,
      what: 'Trigger edited',
      target: 'Cart helper (weekend)',
      where: `127.0.0.1${browserAgent}`,
      change: 'name: Cart helper → Cart helper (weekend)',
    });
    assertEqual('the role change', find('agent.role_changed'), {
      action: 'agent.role_changed',
      who: `Admin <${ADMIN_EMAIL}>`,
      what: 'Role changed',
      target: 'Olga <olga@example.com>',
      where: `127.0.0.1${browserAgent}`,
      change: 'role: agent → supervisor',
    });
    const failed = find('auth.sign_in_failed');
    assertEqual('the failed sign-in: the address tried, from the browser', [failed.who, failed.what, failed.where], [ADMIN_EMAIL, 'Sign-in failed', `127.0.0.1${browserAgent}`]);
    assertEqual('newest first', rows.findIndex((r) => r.action === 'trigger.updated') < rows.findIndex((r) => r.action === 'agent.role_changed'), true);
    assertEqual('no password anywhere on the screen', (await admin.locator('main').textContent())!.includes('letmein-please'), false);
    await assertNoSeriousViolations(admin, 'the audit log screen');

    // Only role changes.
    await admin.locator('select[name=action]').selectOption('agent.role_changed');
    await admin.locator(A.apply).click();
    const filtered = await waitFor('only role changes to be listed', async () => {
      const now = await rowsOf(admin);
      return now.length === 1 && now[0]!.action === 'agent.role_changed' ? now : false;
    });

    // The CSV of the filtered log: the same rows.
    const [download] = await Promise.all([admin.waitForEvent('download', { timeout: 10_000 }), admin.locator(A.csv).click()]);
    assertEqual('the file name', /^causette-audit-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), true);
    const csv = parseCsv(await readFile((await download.path())!, 'utf8'));
    assertEqual('the header', csv[0], ['at', 'action', 'actor_id', 'actor', 'target_type', 'target_id', 'target', 'ip', 'user_agent', 'changes']);
    assertEqual(
      'the rows, as on screen',
      csv.slice(1).map((r) => [r[1], r[3], r[6], r[7], r[8], r[9]]),
      filtered.map(() => ['agent.role_changed', `Admin <${ADMIN_EMAIL}>`, 'Olga <olga@example.com>', '127.0.0.1', browserAgent, JSON.stringify({ role: { from: 'agent', to: 'supervisor' } })]),
    );
  });
});
