/**
 * Journey: files both ways. A visitor attaches a photo with the paperclip (watching it upload), pastes a second
 * one and drops a third onto the panel; each shows as a preview. The agent sees the previews in the console and
 * sends a PDF back, pastes a screenshot and drops a photo on the composer; the visitor gets them as previews and a
 * download card whose link downloads the PDF (served as an attachment). Last, a phone photo lying on its side with
 * its location in Exif: the shop sees it upright, without the location.
 */
import { afterAll, describe, it } from 'vitest';
import { C, loginAgent, openConversationShowing, takeOpenConversation } from '../support/console.js';
import { exif, seg } from '../../server/test/support/jpeg.js';
import { png, PDF } from '../support/files.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { startSlowUplink, type SlowUplink } from '../support/slow-uplink.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { W, openChat, sendVisitorMessage, visitShop } from '../support/widget.js';

const skip = requireChromium();

describe.skipIf(skip !== null)(withReason('journey: attachments', skip), () => {
  const journey = setupJourney('attachments');
  let uplink: SlowUplink | undefined;
  afterAll(async () => uplink?.close());

  it('a visitor sends photos by the paperclip, paste and drop; the agent sees them, sends a PDF back, which downloads, and pastes and drops images too', async () => {
    const { baseUrl } = journey();
    const agent = await (await journey().person('agent')).newPage();
    await loginAgent(agent, baseUrl);

    // The visitor is on a slow uplink (1 MB/s for uploads), so a 3 MB photo takes seconds to go up. (Chromium
    // reports upload progress as the bytes leave for the socket; on loopback the kernel takes the whole body at
    // once, so the bar goes from 0 to 100 and then waits for the server: it stays on screen the whole time.)
    uplink = await startSlowUplink(1_000_000);
    const visitorContext = await journey().person('visitor', { proxy: { server: uplink.proxyServer } });
    const visitor = await visitShop(visitorContext, baseUrl, '/demo/');
    await openChat(visitor);
    const question = 'The tote arrived with a dent, see the photos';
    await sendVisitorMessage(visitor, question);

    const photo = png(1200, 900, 1); // about 3 MB
    await visitor.locator('[data-part=attach]').waitFor({ state: 'visible' });
    // Every value the progress bar takes, as the page shows it (however quickly the upload goes).
    await visitor.locator(W.panel).evaluate((panel) => {
      const values: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      new MutationObserver(() => {
        const now = panel.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow');
        if (now != null && values[values.length - 1] !== now) values.push(now);
      }).observe(panel, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await visitor.locator('[data-part=file-input]').setInputFiles({ name: 'dent-front.png', mimeType: 'image/png', buffer: photo });
    const bar = visitor.locator('[data-part=upload] [role=progressbar]');
    await bar.waitFor({ state: 'visible', timeout: 5_000 });
    const shownAt = Date.now();
    assertEqual('the progress bar is named after the file', await bar.getAttribute('aria-label'), 'Sending dent-front.png');
    await waitFor('the progress bar to reach 100', async () => (await bar.getAttribute('aria-valuenow', { timeout: 1_000 })) === '100', { timeout: 10_000 });
    assertEqual('the progress bar is still there while the upload reaches the server', await bar.isVisible(), true);
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    const progress = await visitor.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.map(Number));
    assertEqual('the progress bar values, from the start to the end of the upload', [progress[0], progress[progress.length - 1]], [0, 100]);
    if (Date.now() - shownAt < 1_000) throw new Error(`the progress bar was on screen for only ${Date.now() - shownAt} ms of a slow upload`);
    if (uplink.slowed < 1) throw new Error('the upload did not go through the slow uplink');

    const previews = visitor.locator(`${W.message} [data-part=attachment-image] img`);
    const loaded = (locator: typeof previews) => locator.evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).map((i) => (i as HTMLImageElement).alt));
    await waitFor('the widget to show the photo as a loaded preview', async () => (await loaded(previews)).includes('dent-front.png'));
    const first = visitor.locator(`${W.message} [data-part=attachment-image] img[alt="dent-front.png"]`);
    assertEqual('the preview keeps the image size', [await first.getAttribute('width'), await first.getAttribute('height')], ['1200', '900']);
    const link = visitor.locator(`${W.message} [data-part=attachment-image]`).first();
    assertEqual('the preview opens in a new tab, without a handle on the shop page', [await link.getAttribute('target'), await link.getAttribute('rel')], ['_blank', 'noopener']);

    // A screenshot pasted into the composer, and a photo dropped onto the panel.
    const pasted = png(120, 90, 2).toString('base64');
    await visitor.locator(W.input).evaluate((input, b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'pasted.png', { type: 'image/png' }));
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    const dropped = png(200, 150, 3).toString('base64');
    const drag = await visitor.evaluateHandle((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dent-side.png', { type: 'image/png' }));
      return data;
    }, dropped);
    const panel = visitor.locator(W.panel);
    await panel.dispatchEvent('dragenter', { dataTransfer: drag });
    await visitor.locator('[data-part=drop-hint]').waitFor({ state: 'visible' });
    await panel.dispatchEvent('dragover', { dataTransfer: drag });
    await panel.dispatchEvent('drop', { dataTransfer: drag });
    await visitor.locator('[data-part=drop-hint]').waitFor({ state: 'detached' });
    await waitFor('the pasted and dropped photos as previews too', async () => {
      const names = await loaded(previews);
      return names.includes('pasted.png') && names.includes('dent-side.png');
    }, { timeout: 15_000 });

    // The agent opens the chat: the three photos are previews there, loaded from the server.
    const conversationId = await openConversationShowing(agent, 'queue', question);
    await takeOpenConversation(agent, conversationId);
    const agentPreviews = agent.locator(`${C.thread} [data-test=attachment-image] img`);
    await waitFor('the console to show the three photos as loaded previews', async () => {
      const names = await agentPreviews.evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).map((i) => (i as HTMLImageElement).alt));
      return ['dent-front.png', 'pasted.png', 'dent-side.png'].every((n) => names.includes(n));
    }, { timeout: 15_000 });

    // The agent sends the return label as a PDF.
    await agent.locator('[data-test=file-input]').setInputFiles({ name: 'Return label #42.pdf', mimeType: 'application/pdf', buffer: PDF });
    await agent.locator(`${C.thread} [data-test=attachment-file]`).filter({ hasText: 'Return label #42.pdf' }).waitFor({ state: 'visible', timeout: 15_000 });

    // The agent pastes a screenshot into the composer and drops a photo onto it (the drop hint shows): both reach
    // the visitor as loaded previews.
    const agentPasted = png(90, 60, 4).toString('base64');
    await agent.locator(C.composer).evaluate((input, b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'order-screen.png', { type: 'image/png' }));
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, agentPasted);
    const agentDrag = await agent.evaluateHandle((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'new-tote.png', { type: 'image/png' }));
      return data;
    }, png(150, 100, 5).toString('base64'));
    const composerForm = agent.locator('form.composer');
    await composerForm.dispatchEvent('dragenter', { dataTransfer: agentDrag });
    await agent.locator('[data-test=drop-hint]').waitFor({ state: 'visible' });
    await composerForm.dispatchEvent('dragover', { dataTransfer: agentDrag });
    await composerForm.dispatchEvent('drop', { dataTransfer: agentDrag });
    await agent.locator('[data-test=drop-hint]').waitFor({ state: 'detached' });
    await waitFor('the agent’s pasted and dropped images as previews in the widget', async () => {
      const names = await loaded(visitor.locator(`${W.message}[data-author=agent] [data-part=attachment-image] img`));
      return names.includes('order-screen.png') && names.includes('new-tote.png');
    }, { timeout: 15_000 });

    // The visitor gets a download card; its link serves the PDF as a download.
    const card = visitor.locator(`${W.message} [data-part=attachment-file]`).filter({ hasText: 'Return label #42.pdf' });
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    const href = await card.getAttribute('href');
    if (!href?.startsWith(`${baseUrl}/files/`)) throw new Error(`the card links to ${href}, not to a file on the Causette server`);
    const res = await visitor.request.get(href);
    assertEqual('the PDF download status', res.status(), 200);
    assertEqual('its type, as sniffed', res.headers()['content-type'], 'application/pdf');
    assertEqual('its disposition', res.headers()['content-disposition'], `attachment; filename="Return label #42.pdf"; filename*=UTF-8''Return%20label%20%2342.pdf`);
    assertEqual('nosniff', res.headers()['x-content-type-options'], 'nosniff');
    assertEqual('the bytes the agent sent', Buffer.compare(await res.body(), PDF), 0);
    const [download] = await Promise.all([visitor.waitForEvent('download', { timeout: 10_000 }), card.click()]);
    assertEqual('the browser downloads it under its name', download.suggestedFilename(), 'Return label #42.pdf');

    // A phone photo: a real JPEG (the browser draws and encodes it, 80×40) carrying the Exif a phone writes: stored
    // on its side (orientation 6) and where it was taken. The shop sees it upright, and never the location.
    const drawn = await visitor.evaluate(() => {
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [80, 40];
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#c00';
      g.fillRect(0, 0, 40, 40);
      g.fillStyle = '#00c';
      g.fillRect(40, 0, 40, 40);
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
    });
    const plain = Buffer.from(drawn, 'base64');
    const phone = Buffer.concat([plain.subarray(0, 2), seg(0xe1, exif(6)), plain.subarray(2)]);
    await visitor.locator('[data-part=file-input]').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: phone });
    const phonePhoto = visitor.locator(`${W.message} [data-part=attachment-image] img[alt="IMG_0001.jpg"]`);
    await waitFor('the phone photo as a loaded preview', async () => (await phonePhoto.count()) === 1 && (await loaded(phonePhoto)).length === 1, { timeout: 15_000 });
    assertEqual('upright: turned as its orientation says, in its box too', await phonePhoto.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight, i.getAttribute('width'), i.getAttribute('height')]), [40, 80, '40', '80']);
    const served = await (await visitor.request.get(await phonePhoto.evaluate((i: HTMLImageElement) => i.src))).body();
    if (served.includes('GPS-48.8584N') || served.includes('PhoneCo')) throw new Error('the served photo still carries the location or the device');
    await agent.locator(`${C.thread} [data-test=attachment-image] img[alt="IMG_0001.jpg"]`).waitFor({ state: 'visible', timeout: 15_000 });
  });
});
