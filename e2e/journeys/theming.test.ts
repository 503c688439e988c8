/**
 * Journey: an admin re-themes a site from the console while a visitor is already on the shop. Before saving,
 * the preview beside the form follows every change (colour, corner, launcher text, dark mode) and the visitor
 * sees nothing yet; after saving, the visitor's widget, loaded before the change, follows live: the launcher
 * in the bottom left with its text, in the chosen colour, then with the shop's picture instead of the chat icon, and a dark panel that axe finds no serious fault in.
 * The shop's own stylesheet still has the last word (a custom property, a ::part). Then the site's language:
 * French on an English page, and dark mode that follows the visitor's system.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { visitShop, W } from '../support/widget.js';

const skip = requireChromium();

const TEAL = '#0f766e';
const TEAL_RGB = 'rgb(15, 118, 110)';
/** The widget's dark panel and light panel backgrounds (widget/src/app/styles.ts). */
const DARK_BG = 'rgb(17, 24, 39)';
const LIGHT_BG = 'rgb(249, 250, 251)';

const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return { left: Math.round(b.x), right: Math.round(b.x + b.width) };
};
const style = (page: Page, selector: string, property: string) =>
  page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

async function openAppearance(admin: Page): Promise<void> {
  await admin.locator('[data-test=nav-settings]').click();
  await admin.locator('[data-test=theme-editor]').waitFor({ state: 'visible' });
}

async function saveAppearance(admin: Page): Promise<void> {
  await admin.locator('[data-test=save-theme]').click();
  await admin.locator('[data-test=theme-saved]').waitFor({ state: 'visible' });
}

describe.skipIf(skip !== null)(withReason('journey: theming a site live from the console', skip), () => {
  const journey = setupJourney('theming');

  it("the admin's new look reaches a widget already open, the shop's CSS still overrides it, and the site's language wins over the page's", async () => {
    const { baseUrl } = journey();
    const admin = await (await journey().person('admin')).newPage();
    await loginAgent(admin, baseUrl);

    // Léa is on the shop before anything changes: the default look, bottom right, icon only.
    const lea = await visitShop(await journey().person('lea'), baseUrl);
    const width = lea.viewportSize()!.width;
    assertEqual('the launcher before, 20 px from the right edge', (await box(lea, W.launcher)).right, width - 20);

    await openAppearance(admin);
    const preview = admin.locator('[data-test=theme-previews]');
    const darkPreview = admin.locator('[data-test=theme-preview-dark]');
    await admin.locator('input[name=themeColorHex]').fill(TEAL);
    await admin.locator('input[name=themePosition][value=left]').check();
    await admin.locator('input[name=launcherText]').fill('Chat with us');
    await admin.locator('select[name=darkMode]').selectOption('dark');

    // The preview has followed, before any save: one dark mock, teal, on the left, with the launcher's text.
    await waitFor('the preview to show only the dark scheme', async () => (await preview.locator('[data-test^=theme-preview-]').count()) === 1);
    assertEqual("the dark preview's position", await darkPreview.getAttribute('data-position'), 'left');
    assertEqual("the preview launcher's colour", await style(admin, '[data-test=theme-preview-dark] [data-test=preview-launcher]', 'background-color'), TEAL_RGB);
    assertEqual("the preview launcher's text", await darkPreview.locator('[data-test=preview-launcher-text]').textContent(), 'Chat with us');
    assertEqual("the preview panel's background", await style(admin, '[data-test=theme-preview-dark] [data-test=preview-panel]', 'background-color'), DARK_BG);
    const previewLeft = await darkPreview.locator('[data-test=preview-launcher]').evaluate((el) => {
      const frame = el.parentElement!.getBoundingClientRect();
      return Math.round(el.getBoundingClientRect().left - frame.left);
    });
    if (previewLeft > 20) throw new Error(`the preview launcher sits ${previewLeft} px from the preview's left edge: not on the left`);
    // Nothing saved yet: Léa's widget has not moved.
    assertEqual('the launcher before saving', (await box(lea, W.launcher)).right, width - 20);
    await assertNoSeriousViolations(admin, 'the settings with the appearance section');

    await saveAppearance(admin);

    // Léa's widget follows without a reload.
    const launcher = lea.locator(W.launcher);
    await waitFor('the launcher to move to the bottom left', async () => (await box(lea, W.launcher)).left === 20);
    assertEqual("the launcher's text", (await launcher.textContent())?.trim(), 'Chat with us');
    assertEqual("the launcher's accessible name is its text", await launcher.getAttribute('aria-label'), null);
    assertEqual("the launcher's colour", await style(lea, W.launcher, 'background-color'), TEAL_RGB);
    assertEqual('--causette-accent on the host', (await lea.locator('#causette-root').evaluate((el) => getComputedStyle(el).getPropertyValue('--causette-accent'))).trim(), TEAL);
    assertEqual('the text on the launcher, white for contrast', await style(lea, W.launcher, 'color'), 'rgb(255, 255, 255)');

    // The shop's own picture in the launcher instead of the chat icon: in the preview first, then live.
    const picture = `${baseUrl}/demo/assistant.svg`;
    await admin.locator('input[name=launcherIcon]').fill(picture);
    await admin.locator('[data-test=theme-preview-dark] [data-test=preview-launcher-icon]').waitFor({ state: 'visible' });
    await saveAppearance(admin);
    const icon = lea.locator('[data-part=launcher-icon]');
    await icon.waitFor({ state: 'visible', timeout: 10_000 });
    assertEqual("the launcher's picture", await icon.getAttribute('src'), picture);
    await waitFor('the picture to load', () => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
    assertEqual('the chat icon gone', await lea.locator(`${W.launcher} svg`).count(), 0);
    assertEqual("the launcher's name, still its text", (await launcher.textContent())?.trim(), 'Chat with us');

    // A chat, so the dark panel holds the agent's face and messages both ways.
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);
    await startChat(lea, agent, 'Is the scarf wool?');
    await agentReplies(agent, lea, 'Yes, merino wool.');
    const panel = await box(lea, W.panel);
    assertEqual('the panel, on the left with the launcher', panel.left, 20);
    assertEqual("the panel's dark background", await style(lea, W.panel, 'background-color'), DARK_BG);
    assertEqual("the header's avatar (the admin has no photo: initials)", await lea.locator('[data-part=header] [data-part=avatar]').count(), 1);
    assertEqual("the agent message's avatar, named", await lea.locator(`${W.message}[data-author=agent] [data-part=avatar]`).getAttribute('aria-label'), await lea.locator(W.agentName).textContent());
    assertEqual("the agent's bubble, light text on the dark surface", await style(lea, `${W.message}[data-author=agent]`, 'color'), 'rgb(249, 250, 251)');
    await assertNoSeriousViolations(lea, 'the dark panel', WIDGET_CONTEXT);

    // The shop's stylesheet wins over the site's settings: a custom property on the host, a ::part.
    await lea.addStyleTag({ content: '#causette-root { --causette-accent: #be123c } #causette-root::part(launcher) { border-radius: 4px }' });
    await waitFor("the shop's accent on the launcher", async () => (await style(lea, W.launcher, 'background-color')) === 'rgb(190, 18, 60)');
    assertEqual("the shop's accent on the visitor's bubble", await style(lea, `${W.message}[data-author=visitor]`, 'background-color'), 'rgb(190, 18, 60)');
    assertEqual("the launcher's corners, from the shop's ::part(launcher)", await style(lea, W.launcher, 'border-top-left-radius'), '4px');

    // The site's language over the page's English, and dark mode that follows the visitor's system.
    await admin.locator('select[name=widgetLanguage]').selectOption('fr');
    await admin.locator('select[name=darkMode]').selectOption('auto');
    await waitFor('the preview to show both schemes', async () => (await preview.locator('[data-test^=theme-preview-]').count()) === 2);
    await saveAppearance(admin);
    assertEqual("the shop page's own language", await lea.evaluate(() => document.documentElement.lang), 'en');
    await waitFor('the widget to speak French', async () => (await lea.locator('#causette-root .w').getAttribute('lang')) === 'fr');
    assertEqual("the composer's placeholder", await lea.locator(W.input).getAttribute('placeholder'), 'Écrivez un message…');
    assertEqual("the close button's name", await lea.locator('[data-part=close]').getAttribute('aria-label'), 'Fermer le chat');
    await lea.emulateMedia({ colorScheme: 'light' });
    await waitFor('a light panel for a light system', async () => (await style(lea, W.panel, 'background-color')) === LIGHT_BG);
    await lea.emulateMedia({ colorScheme: 'dark' });
    await waitFor('a dark panel for a dark system', async () => (await style(lea, W.panel, 'background-color')) === DARK_BG);
  });
});
