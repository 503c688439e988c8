/**
 * Issue 13, item 3 — cross-site request forgery without a body.
 *
 * The admin is signed in to the console; a visitor's chat waits in the queue. In another tab of the same browser
 * the admin opens a page of an attacker's on another origin of the same site (127.0.0.1, another port): the
 * session cookie (SameSite=Lax) goes along with every request that page makes to Causette. The page sends what
 * needs no preflight and no CORS: `fetch(…, {method: 'POST', mode: 'no-cors', credentials: 'include'})` to take
 * the chat, close it, and sign the admin out. Each request reaches the server; none may change anything: the chat
 * is still waiting in the queue, open and unassigned, and the admin is still signed in, in the console and over REST.
 */
import { afterAll, describe, it } from 'vitest';
import { startOtherOrigin, type OtherOrigin } from '../support/attacks.js';
import { C, loginAgent, queueItems } from '../support/console.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { openChat, sendVisitorMessage, visitShop } from '../support/widget.js';

const skip = requireChromium();
const QUESTION = 'Can I still change the size of order #5521?';

describe.skipIf(skip !== null)(withReason('journey: body-less requests from another origin', skip), () => {
  const journey = setupJourney('security-csrf');
  let evil: OtherOrigin | undefined;
  afterAll(async () => evil?.close());

  it("a page on another origin cannot take or close a chat, or sign the admin out, with the admin's cookie", async () => {
    const { baseUrl } = journey();
    const adminContext = await journey().person('admin');
    const consolePage = await adminContext.newPage();
    await loginAgent(consolePage, baseUrl);

    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/products/tote.html');
    await openChat(visitor);
    await sendVisitorMessage(visitor, QUESTION);
    const row = queueItems(consolePage).filter({ hasText: QUESTION });
    await waitFor("the chat to wait in the admin's queue", async () => (await row.count()) === 1);
    const conversationId = (await row.getAttribute('data-id'))!;

    // The admin, still signed in, opens the attacker's page in another tab.
    evil = await startOtherOrigin('<!doctype html><title>Your parcel is on its way</title><h1>Track your parcel</h1>');
    const attacker = await adminContext.newPage();
    await attacker.goto(evil.url);
    const sent = await attacker.evaluate(
      async ({ base, id }) => {
        const outcomes: string[] = [];
        for (const path of [`/api/conversations/${id}/take`, `/api/conversations/${id}/close`, '/api/auth/logout']) {
          try {
            // Opaque answer: the page learns nothing, it only needs the request to be carried out.
            await fetch(`${base}${path}`, { method: 'POST', mode: 'no-cors', credentials: 'include' });
            outcomes.push(`${path}: sent`);
          } catch (error) {
            outcomes.push(`${path}: ${(error as Error).message}`);
          }
        }
        return outcomes;
      },
      { base: baseUrl, id: conversationId },
    );
    // The requests did leave the browser (so what follows is the server refusing them, not a broken probe).
    assertEqual('the forged requests', sent, [`/api/conversations/${conversationId}/take: sent`, `/api/conversations/${conversationId}/close: sent`, '/api/auth/logout: sent']);

    // Over REST, with the admin's own cookie from the console's origin: still signed in, the chat open and unassigned.
    const me = await adminContext.request.get(`${baseUrl}/api/auth/me`);
    assertEqual("/api/auth/me with the admin's cookie after the forged logout", me.status(), 200);
    const conv = (await (await adminContext.request.get(`${baseUrl}/api/conversations/${conversationId}`)).json()) as {
      conversation?: { status: string; assigneeId: string | null };
    };
    assertEqual('the chat after the forged take and close', { status: conv.conversation?.status, assigneeId: conv.conversation?.assigneeId }, { status: 'open', assigneeId: null });

    // In the console, after a reload: signed in, the chat still waiting in the queue, not in the admin's own list.
    await consolePage.reload();
    await consolePage.locator(C.queue).waitFor({ state: 'visible', timeout: 15_000 });
    await waitFor('the chat to be listed in the queue after the reload', async () => (await row.count()) === 1);
    assertEqual('the chat in "My chats"', await consolePage.locator(`${C.mine} ${C.item}`).filter({ hasText: QUESTION }).count(), 0);
    assertEqual('the sign-in form on the console', await consolePage.locator('input[name=email]').count(), 0);
  });
});
