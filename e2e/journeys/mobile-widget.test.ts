/**
 * Journey: the chat on a phone (375×667, touch). Inès is halfway down the demo shop on her phone and taps the
 * launcher: the panel covers the whole screen, as a modal sheet. Swiping on it does not scroll the shop behind,
 * and Tab never leaves the sheet. She taps into the composer; the on-screen keyboard takes the bottom half of the
 * screen, and the composer moves up with the visible area, above the keyboard. She writes, taps send, the message
 * goes. The keyboard closes, she taps the close button: she is where she was on the page, and it scrolls again.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { dialogue } from '../support/chat-lines.js';
import { loginAgent } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, sleep, waitFor } from '../support/wait.js';
import { W, widgetLines } from '../support/widget.js';

const skip = requireChromium();
const PHONE = { width: 375, height: 667 };

/** A finger dragged up from (x, y) by `distance` px, in ten moves (headless Chromium ignores synthesized touch scroll gestures). */
async function swipeUp(cdp: CDPSession, x: number, y: number, distance = 300): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - (distance * i) / 10 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** scrollY once a swipe's fling has stopped (a tap during a fling only stops it). */
async function settledScrollY(page: Page): Promise<number> {
  let last = await page.evaluate(() => scrollY);
  return waitFor('the page to stop scrolling', async () => {
    await sleep(150);
    const now = await page.evaluate(() => scrollY);
    const settled = now === last;
    last = now;
    return settled && now;
  });
}

/** Whether the keyboard focus is inside the widget's open panel. */
const focusInPanel = (page: Page) =>
  page.evaluate(() => {
    const root = document.getElementById('causette-root')?.shadowRoot;
    const active = root?.activeElement;
    return !!active && !!root.querySelector('[data-part=panel]')?.contains(active);
  });

describe.skipIf(skip !== null)(withReason('journey: the widget on a phone', skip), () => {
  const journey = setupJourney('mobile-widget');

  it('full-screen panel, the page behind stays put, focus stays in, the composer stays above the keyboard', async () => {
    const { baseUrl } = journey();
    // Someone to answer, so the panel offers the composer rather than the leave-a-message form.
    await loginAgent(await (await journey().person('agent')).newPage(), baseUrl);

    const phone = await journey().person('ines', { viewport: PHONE, isMobile: true, hasTouch: true });
    const ines = await phone.newPage();
    const cdp = await phone.newCDPSession(ines);
    await ines.goto(`${baseUrl}/demo/`);
    await ines.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });

    // Halfway down the shop, by swiping.
    await swipeUp(cdp, 187, 400);
    const y = await settledScrollY(ines);
    if (y < 100) throw new Error(`a swipe scrolled the shop to ${y} only`);

    // Tap: the panel is the whole screen, a modal sheet.
    await ines.locator(W.launcher).tap();
    const panel = ines.locator(W.panel);
    await ines.locator(W.input).waitFor({ state: 'visible' });
    assertEqual("the open panel's box", await panel.boundingBox(), { x: 0, y: 0, ...PHONE });
    assertEqual('the panel is modal', await panel.getAttribute('aria-modal'), 'true');

    // Swiping on the sheet (on the thread, on the composer, on the header) leaves the shop where it was.
    await swipeUp(cdp, 187, 300);
    await swipeUp(cdp, 100, 640, 300);
    await swipeUp(cdp, 100, 45, 40);
    assertEqual('scrollY after swiping on the open panel', await settledScrollY(ines), y);

    // Tab and Shift+Tab go round the sheet's controls.
    await ines.locator(W.input).focus();
    for (let i = 0; i < 6; i++) {
      await ines.keyboard.press('Tab');
      if (!(await focusInPanel(ines))) throw new Error(`Tab #${i + 1} took the focus out of the panel`);
    }
    for (let i = 0; i < 6; i++) {
      await ines.keyboard.press('Shift+Tab');
      if (!(await focusInPanel(ines))) throw new Error(`Shift+Tab #${i + 1} took the focus out of the panel`);
    }

    // The on-screen keyboard: the visible area shrinks to 350 px; the composer moves up with it.
    await ines.locator(W.input).tap();
    await ines.setViewportSize({ width: PHONE.width, height: 350 });
    await waitFor('the composer inside the visible area above the keyboard', async () => {
      const box = await ines.locator(`${W.panel} form`).boundingBox();
      const visible = await ines.evaluate(() => ({ top: visualViewport!.offsetTop, bottom: visualViewport!.offsetTop + visualViewport!.height }));
      if (!box || box.y < visible.top || box.y + box.height > visible.bottom + 0.5)
        throw new Error(`the composer spans ${box?.y}–${box && box.y + box.height}, the visible area ${visible.top}–${visible.bottom}`);
      return true;
    });
    // The keyboard of Android Chrome and iOS Safari shrinks only the visual viewport, not the layout: the resize
    // above moves both. A pinch zoom is the same situation (the visible area is half the layout's height), and
    // only the visualViewport code keeps the composer in it.
    await ines.setViewportSize(PHONE);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    await waitFor('the composer inside the zoomed visible area', async () => {
      const { layoutHeight, vv, form } = await ines.evaluate(() => {
        const root = [...document.body.children].map((el) => el.shadowRoot).find((r) => r?.querySelector('[data-part=panel]'))!;
        const f = root.querySelector('[data-part=panel] form')!.getBoundingClientRect();
        return {
          layoutHeight: innerHeight,
          vv: { top: visualViewport!.offsetTop, height: visualViewport!.height },
          form: { top: f.top, bottom: f.bottom },
        };
      });
      if (vv.height > layoutHeight * 0.6) throw new Error(`the zoom did not shrink the visual viewport (${vv.height} of ${layoutHeight})`);
      if (form.top < vv.top - 0.5 || form.bottom > vv.top + vv.height + 0.5)
        throw new Error(`the composer spans ${form.top}–${form.bottom}, the visible area ${vv.top}–${vv.top + vv.height}`);
      return true;
    });
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await ines.setViewportSize({ width: PHONE.width, height: 350 });
    const text = 'Do you ship to Lyon by Friday?';
    await ines.locator(W.input).fill(text);
    await ines.locator(W.send).tap();
    await waitFor("Inès's message stored", async () => dialogue(await widgetLines(ines)).some((l) => l.author === 'visitor' && l.text === text));

    // Keyboard away, panel closed: the shop is where she left it, and scrolls again.
    await ines.setViewportSize(PHONE);
    await ines.locator(`${W.panel} [data-part=close]`).tap();
    await panel.waitFor({ state: 'hidden' });
    assertEqual('scrollY after closing the panel', await ines.evaluate(() => scrollY), y);
    await swipeUp(cdp, 187, 400, 150);
    await waitFor('the shop to scroll again once the panel is closed', async () => (await ines.evaluate(() => scrollY)) > y);
  });
});
