/**
 * Journey: outside opening hours. The shop opens one day a week, three days from now, 09:00–17:00 in UTC. An
 * agent is even at the console, but the shop is closed: Zoé (in Paris, her browser in English) reads when the team
 * is back, in her own time zone ("We're back <weekday> at <time>."), and finds the leave-a-message form rather
 * than the composer; she leaves a message, which the team finds among left messages. With the hours removed, another shopper's
 * open panel swaps the form for the composer without a reload.
 */
import { describe, it } from 'vitest';
import { loginAgent } from '../support/console.js';
import { adminApi, pendingItems, WO } from '../support/console-supervision.js';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { WF } from '../support/visitor-features.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, visitShop } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: business hours', skip), () => {
  const journey = setupJourney('business-hours');

  it('closed now: the panel says when the team is back, in the visitor’s time zone, and offers the leave-a-message form', async () => {
    const { baseUrl } = journey();
    const admin = await adminApi(await journey().person('admin'), baseUrl);
    const site = await admin.demoSite();
    // Open three days from now only (UTC), so closed now whatever the hour.
    const opensOn = new Date(Date.now() + 3 * 86_400_000);
    await admin.updateSettings(site.id, { hours: { timeZone: 'UTC', windows: [{ day: opensOn.getUTCDay(), open: '09:00', close: '17:00' }] } });
    const reopensAt = Date.UTC(opensOn.getUTCFullYear(), opensOn.getUTCMonth(), opensOn.getUTCDate(), 9, 0);

    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const zoe = await visitShop(await journey().person('zoe', { timezoneId: 'Europe/Paris', locale: 'en-GB' }), baseUrl, '/demo/');
    await zoe.locator(W.launcher).click();
    const inParis = { timeZone: 'Europe/Paris' };
    const day = new Date(reopensAt).toLocaleDateString('en', { ...inParis, weekday: 'long' });
    const time = new Date(reopensAt).toLocaleTimeString('en', { ...inParis, hour: '2-digit', minute: '2-digit' });
    const expected = `We're away right now. We're back ${day} at ${time}.`;
    await waitFor(`the panel to say "${expected}"`, async () => ((await zoe.locator(WF.hours).textContent()) ?? '') === expected);
    assertEqual('the note is a status', await zoe.locator(WF.hours).getAttribute('role'), 'status');
    await zoe.locator(WO.offlineForm).waitFor({ state: 'visible' });
    assertEqual('composers while closed', await zoe.locator(W.input).count(), 0);
    await assertNoSeriousViolations(zoe, 'the closed panel', WIDGET_CONTEXT);

    await zoe.locator(WO.offlineEmail).fill('zoe@example.com');
    await zoe.locator(WO.offlineMessage).fill('Can I collect an order on Saturday?');
    await zoe.locator(WO.offlineSubmit).click();
    await waitFor('the confirmation', async () => ((await zoe.locator(WO.offlineSent).textContent()) ?? '').includes('zoe@example.com'));
    await waitFor('the agent to find the left message', async () => (await pendingItems(agent).count()) === 1);

    // Hours removed: open again, the composer is back on Zoé's page without a reload.
    const other = await visitShop(await journey().person('other'), baseUrl, '/demo/');
    await other.locator(W.launcher).click();
    await other.locator(WO.offlineForm).waitFor({ state: 'visible' });
    await admin.updateSettings(site.id, { hours: null } as never);
    await waitFor('the composer to come back once the shop is open', async () => (await other.locator(W.input).isVisible()) && (await other.locator(WF.hours).count()) === 0);
  });
});
