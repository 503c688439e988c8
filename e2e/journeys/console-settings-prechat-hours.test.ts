/**
 * Journey: the admin sets up what visitors are asked before a chat and when the shop answers, in the console.
 * They switch the pre-chat form on (name required, email optional), add an order-number question and a topic
 * choice list, and turn file sending off. They give the site business hours in New York: a lunch break on
 * Monday, copied to the other weekdays, and Saturday mornings; a window that closes before it opens is refused
 * with a message next to it. A team gets its own hours. A visitor answering the new questions in the widget has
 * her answers in the admin's sidebar under their wording. After a reload everything reads as saved, the REST API
 * returns the same settings, and axe finds nothing serious on the screen.
 */
import type { Site, Team } from '@causette/shared';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { assertNoSeriousViolations } from '../support/axe.js';
import { C, loginAgent, openConversationShowing } from '../support/console.js';
import { adminApi } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, visitShop } from '../support/widget.js';

const skip = requireChromium();

const P = {
  editor: '[data-part=prechat-editor]',
  field: '[data-part=prechat-field]',
  save: '[data-action=save-prechat]',
  saved: '[data-part=prechat-saved]',
  hours: '[data-part=hours-editor-site]',
  day: (n: number) => `[data-part=hours-editor-site] [data-part=hours-day][data-day="${n}"]`,
} as const;

async function windowsOf(page: Page, day: number): Promise<string[]> {
  return page.locator(`${P.day(day)} [data-part=hours-window]`).evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('input')].map((i) => (i as HTMLInputElement).value).join('–')),
  );
}

describe.skipIf(skip !== null)(withReason('journey: pre-chat form and business hours in the console settings', skip), () => {
  const journey = setupJourney('console-settings-prechat-hours');

  it('the admin edits the pre-chat questions and the hours, saves, and finds them after a reload and in the API', async () => {
    const { baseUrl } = journey();
    const admin = await adminApi(await journey().person('admin-api'), baseUrl);
    const site = await admin.demoSite();
    const team = await admin.createTeam({ siteId: site.id, name: 'Returns', memberIds: [] });

    const page = await (await journey().person('admin')).newPage();
    await loginAgent(page, baseUrl);
    await page.locator('[data-test=nav-settings]').click();
    await page.locator(P.editor).waitFor();

    // Pre-chat: on, name required, email optional, two questions; files off.
    await page.locator('input[name=prechat-enabled]').check();
    await page.locator('select[name=prechat-name]').selectOption('required');
    await page.locator('select[name=prechat-email]').selectOption('optional');
    await page.locator('[data-action=add-field]').click();
    const first = page.locator(P.field).nth(0);
    // The new question has the focus: the admin just types.
    await waitFor('the new question to have the focus', () => first.locator('input[name=field-label]').evaluate((el) => el === document.activeElement));
    await page.keyboard.type('Order number');
    await first.locator('input[name=field-required]').check();
    await waitFor('the key of the first question to follow its wording', async () => (await first.getAttribute('data-field-id')) === 'order_number');
    await page.locator('[data-action=add-field]').click();
    const second = page.locator(P.field).nth(1);
    await second.locator('input[name=field-label]').fill('Topic');
    await second.locator('select[name=field-type]').selectOption('select');
    await second.locator('textarea[name=field-options]').fill('Delivery\nReturns');
    await page.locator('input[name=attachments]').uncheck();
    await page.locator(P.save).click();
    await page.locator(P.saved).waitFor();

    // A visitor meets the new questions; in another tab the admin reads the answers under their wording.
    const zoe = await visitShop(await journey().person('zoe'), baseUrl, '/demo/');
    await zoe.locator(W.launcher).click();
    await zoe.locator(WF.prechatForm).waitFor({ state: 'visible', timeout: 15_000 });
    await zoe.getByLabel('Name (required)').fill('Zoé Martin');
    await zoe.getByLabel('Order number (required)').fill('CZ-20931');
    await zoe.getByLabel('Topic').selectOption('Returns');
    const question = 'The zip of my bag broke after a week.';
    await zoe.locator(WF.prechatMessage).fill(question);
    await zoe.locator(WF.prechatSubmit).click();
    await zoe.locator(W.input).waitFor({ state: 'visible' });
    const inbox = await page.context().newPage();
    await inbox.goto(`${baseUrl}/console/`);
    await openConversationShowing(inbox, 'queue', question);
    const answers = inbox.locator(`${C.sidebar} [data-part=prechat-answers]`);
    await answers.waitFor();
    // Under the questions' wording once the site's settings are in (the keys until then).
    const shown = () => answers.locator('dt').evaluateAll((dts) => dts.map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`));
    await waitFor('the answers in the sidebar under their wording', async () => JSON.stringify(await shown()) === JSON.stringify(['Order number: CZ-20931', 'Topic: Returns']));
    await inbox.close();

    // Hours: New York, Monday 08:30–12:00 and 14:00–18:00, copied to the weekdays, Saturday 10:00–13:00.
    const hours = page.locator(P.hours);
    await hours.locator('input[name=always-open]').uncheck();
    await hours.locator('select[name=time-zone]').selectOption('America/New_York');
    const monday = page.locator(P.day(1));
    await monday.locator('input[name=opens]').fill('08:30');
    await monday.locator('input[name=closes]').fill('07:00');
    await hours.locator('[data-action=save-hours]').click();
    await waitFor('the refused window to say why', async () => (await monday.locator('[data-part=hours-problem]').textContent()) === 'It must open before it closes.');
    assertEqual('where the focus went after the refused save', await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), 'opens');
    await monday.locator('input[name=closes]').fill('12:00');
    await monday.locator('[data-action=add-window]').click();
    await monday.locator('input[name=opens]').nth(1).fill('14:00');
    await monday.locator('input[name=closes]').nth(1).fill('18:00');
    await hours.locator('[data-action=copy-monday]').click();
    await page.locator(`${P.day(6)} input[name=day-open]`).check();
    await page.locator(`${P.day(6)} input[name=opens]`).fill('10:00');
    await page.locator(`${P.day(6)} input[name=closes]`).fill('13:00');
    const state = (await hours.locator('[data-part=opening-state]').textContent()) ?? '';
    if (!/^(Open now|Closed, opens (Mon|Tue|Wed|Thu|Fri|Sat) \d\d:\d\d)$/.test(state)) throw new Error(`the opening state reads "${state}"`);
    await hours.locator('[data-action=save-hours]').click();
    await hours.locator('[data-part=hours-saved]').waitFor();

    // The Returns team keeps its own hours: Sundays only.
    const teamRow = page.locator(`[data-part=team-row][data-team-id="${team.id}"]`);
    await teamRow.locator('[data-part=team-hours] summary').click();
    const teamHours = teamRow.locator('[data-part=hours-editor-team]');
    await teamHours.locator('input[type=radio][value=own]').check();
    await teamHours.locator('select[name=time-zone]').selectOption('Europe/Paris');
    for (const day of [1, 2, 3, 4, 5]) await teamHours.locator(`[data-part=hours-day][data-day="${day}"] input[name=day-open]`).uncheck();
    await teamHours.locator('[data-part=hours-day][data-day="0"] input[name=day-open]').check();
    await teamHours.locator('[data-action=save-hours]').click();
    await teamHours.locator('[data-part=hours-saved]').waitFor();

    await assertNoSeriousViolations(page, 'the console settings with the pre-chat and hours editors');

    // A reload shows what the server kept.
    await page.reload();
    await page.locator(P.editor).waitFor();
    assertEqual('pre-chat on after the reload', await page.locator('input[name=prechat-enabled]').isChecked(), true);
    assertEqual('name after the reload', await page.locator('select[name=prechat-name]').inputValue(), 'required');
    assertEqual('questions after the reload', await page.locator(`${P.field} input[name=field-label]`).evaluateAll((l) => l.map((i) => (i as HTMLInputElement).value)), ['Order number', 'Topic']);
    assertEqual('choices after the reload', await page.locator(P.field).nth(1).locator('textarea[name=field-options]').inputValue(), 'Delivery\nReturns');
    assertEqual('files after the reload', await page.locator('input[name=attachments]').isChecked(), false);
    assertEqual('always open after the reload', await page.locator(`${P.hours} input[name=always-open]`).isChecked(), false);
    assertEqual('time zone after the reload', await page.locator(`${P.hours} select[name=time-zone]`).inputValue(), 'America/New_York');
    for (const day of [1, 2, 3, 4, 5]) assertEqual(`day ${day} after the reload`, await windowsOf(page, day), ['08:30–12:00', '14:00–18:00']);
    assertEqual('Saturday after the reload', await windowsOf(page, 6), ['10:00–13:00']);
    assertEqual('Sunday after the reload', await page.locator(`${P.day(0)} input[name=day-open]`).isChecked(), false);

    // The REST API has the same settings.
    const res = await page.context().request.get(`${baseUrl}/api/sites`);
    const saved = ((await res.json()) as { items: Site[] }).items.find((s) => s.id === site.id)!;
    assertEqual('the pre-chat settings over REST', saved.settings.prechat, {
      enabled: true,
      name: 'required',
      email: 'optional',
      askTeam: false,
      fields: [
        { id: 'order_number', label: 'Order number', type: 'text', required: true },
        { id: 'topic', label: 'Topic', type: 'select', required: false, options: ['Delivery', 'Returns'] },
      ],
    });
    assertEqual('files over REST', saved.settings.attachments, false);
    const weekday = (day: number) => [
      { day, open: '08:30', close: '12:00' },
      { day, open: '14:00', close: '18:00' },
    ];
    assertEqual('the hours over REST', saved.settings.hours, {
      timeZone: 'America/New_York',
      windows: [...[1, 2, 3, 4, 5].flatMap(weekday), { day: 6, open: '10:00', close: '13:00' }],
    });
    const teams = (await (await page.context().request.get(`${baseUrl}/api/teams?siteId=${site.id}`)).json()) as Team[];
    assertEqual("the team's hours over REST", teams.find((t) => t.id === team.id)?.hours, {
      timeZone: 'Europe/Paris',
      windows: [{ day: 0, open: '09:00', close: '18:00' }],
    });
  });
});
