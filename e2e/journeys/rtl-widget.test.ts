/**
 * Journey: an Arabic shop. The demo page is served as `<html lang="ar" dir="rtl">` and hands the widget its
 * strings with `causette('language', 'ar', {...})` (Causette ships English and French; the stub catalogue
 * below lives in this test only, it is not in the bundle). The widget speaks Arabic and lays itself out right
 * to left: its root says `dir=rtl lang=ar`, the launcher and the panel sit on the left, the visitor's own
 * bubble on the left and the agent's on the right, text starts on the right, and the times are the Arabic
 * locale's, from Intl. Rania writes; an agent answers from the (English) console.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { assertNoSeriousViolations, WIDGET_CONTEXT } from '../support/axe.js';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { agentReplies, startChat } from '../support/scenes.js';
import { assertEqual } from '../support/wait.js';
import { W } from '../support/widget.js';

const skip = requireChromium();

/** A stub of an Arabic catalogue: enough to see the widget speak it; what it lacks falls back to English. */
const ARABIC = {
  open: 'افتح الدردشة',
  close: 'أغلق الدردشة',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  sent: 'أُرسلت',
  read: 'قُرئت',
  pending: 'جارٍ الإرسال',
};

/** Serves the demo page as an Arabic, right-to-left page that gives the widget its Arabic strings. */
async function arabicShop(page: Page, baseUrl: string): Promise<void> {
  await page.route(`${baseUrl}/demo/`, async (route) => {
    const res = await route.fetch();
    const html = (await res.text())
      .replace('<html lang="en">', '<html lang="ar" dir="rtl">')
      .replace('<script src="/widget.js"', `<script>causette('language', 'ar', ${JSON.stringify(ARABIC)})</script>\n  <script src="/widget.js"`);
    if (!html.includes('dir="rtl"') || !html.includes("causette('language'")) throw new Error('the demo page no longer has the markup this journey rewrites');
    await route.fulfill({ response: res, body: html });
  });
  await page.goto(`${baseUrl}/demo/`);
}

const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return { left: Math.round(b.x), right: Math.round(b.x + b.width) };
};

describe.skipIf(skip !== null)(withReason('journey: the widget right to left', skip), () => {
  const journey = setupJourney('rtl-widget');

  it('on an Arabic page the widget speaks Arabic and mirrors: launcher, panel and bubbles', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    const rania = await (await journey().person('rania', { locale: 'ar-EG' })).newPage();
    await arabicShop(rania, baseUrl);
    const launcher = rania.locator(W.launcher);
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    const root = rania.locator('#causette-root .w');
    assertEqual("the widget root's dir and lang", [await root.getAttribute('dir'), await root.getAttribute('lang')], ['rtl', 'ar']);
    assertEqual("the launcher's name", await launcher.getAttribute('aria-label'), ARABIC.open);
    const width = rania.viewportSize()!.width;
    assertEqual('the launcher, 20 px from the left edge', (await box(rania, W.launcher)).left, 20);

    // A conversation: Rania's line and the agent's answer.
    await startChat(rania, agent, 'مرحبا، هل الكوب آمن في غسالة الصحون؟');
    await agentReplies(agent, rania, 'Yes, dishwasher safe.');

    const panel = await box(rania, W.panel);
    assertEqual('the panel, 20 px from the left edge', panel.left, 20);
    if (panel.right > width / 2) throw new Error(`the panel reaches ${panel.right} px on a ${width} px wide page: not on the left`);
    assertEqual("the composer's placeholder", await rania.locator(W.input).getAttribute('placeholder'), ARABIC.placeholder);

    // Mirrored bubbles: hers at the inline end (left), the agent's at the start (right); 14 px of list padding,
    // and the agent's face (32 px) on the start side of their bubble.
    const hers = await box(rania, `${W.message}[data-author=visitor]`);
    const theirs = await box(rania, `${W.message}[data-author=agent]`);
    const face = await box(rania, `${W.message}[data-author=agent] [data-part=avatar]`);
    assertEqual("Rania's bubble, against the thread's left edge", hers.left, panel.left + 14);
    assertEqual("the agent's bubble, a face's width from the thread's right edge", theirs.right, panel.right - 14 - 32);
    if (face.left <= theirs.right || face.right > panel.right - 14)
      throw new Error(`the agent's face spans ${face.left}–${face.right} px: not between their bubble (${theirs.right}) and the thread's edge`);
    const text = await rania.locator(`${W.message}[data-author=agent] ${W.body}`).evaluate((el) => {
      const style = getComputedStyle(el);
      return { direction: style.direction, align: style.textAlign };
    });
    assertEqual("the agent's text: right to left, from the start", text, { direction: 'rtl', align: 'start' });

    // Times by Intl, in Arabic.
    const time = await rania.locator(`${W.message}[data-author=agent] time`).evaluate((el) => ({
      shown: el.textContent,
      intl: new Date(el.getAttribute('datetime')!).toLocaleTimeString('ar', { timeStyle: 'short' }),
    }));
    assertEqual("the agent message's time, as Intl writes it in Arabic", time.shown, time.intl);
    await assertNoSeriousViolations(rania, 'the Arabic panel', WIDGET_CONTEXT);
  });
});
