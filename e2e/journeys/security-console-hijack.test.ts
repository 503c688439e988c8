/**
 * Security catalogue, items 13 and 5 — the agent console's socket in the wrong hands.
 *
 * Item 13, cross-site WebSocket hijacking: an agent signed in to the console opens, in another tab, a page
 * of an attacker's ("win a free tote"), on another origin of the same host. The browser carries the agent's
 * session cookie along with every request that page makes to Causette (cookies ignore ports, and the page's
 * own server sees it too), and WebSockets are not bound by CORS. The page connects to the console's `/agent`
 * namespace twice — with socket.io-client (WebSocket, then long-polling, credentials included) and with a bare
 * WebSocket speaking Socket.IO frames — and asks for the inbox, where a visitor's chat is waiting. It must be
 * refused at the handshake and never receive a byte of the inbox, while the very same bare-WebSocket script run
 * from the console's own origin does read it (so the refusal is the origin check, not a broken probe).
 *
 * Item 5, a disabled agent: the admin disables Bruno while his console is open and while a second connection
 * of his (a dropped one, kept by the server for connection-state recovery) waits to resume. His console goes
 * back to the sign-in screen at once, his live sockets are told and closed, and neither a fresh connection nor a
 * resume with the dropped session's `pid` and `offset` gets in: recovery does not skip the sign-in check. Before
 * he is disabled, the same resume does restore the session (same sid), so the refusal is the defence at work.
 */
import { afterAll, describe, it } from 'vitest';
import { AGENT_NS, RawSocket, startOtherOrigin, type OtherOrigin } from '../support/attacks.js';
import { C, loginAgent } from '../support/console.js';
import { adminApi } from '../support/console-supervision.js';
import { setupJourney } from '../support/journey.js';
import { requireChromium, withReason } from '../support/requirements.js';
import { assertEqual, waitFor } from '../support/wait.js';
import { openChat, sendVisitorMessage, visitShop } from '../support/widget.js';

const skip = requireChromium();

const SECRET = 'My card ending 4242 was charged twice, order #8817';

interface InboxReply {
  ok: boolean;
  queue?: Array<{ id: string; lastMessage?: { body: string } | null }>;
}

describe.skipIf(skip !== null)(withReason("journey: the console's socket in the wrong hands", skip), () => {
  const journey = setupJourney('security-console-hijack');
  let evil: OtherOrigin | undefined;
  afterAll(async () => evil?.close());

  it("refuses a page on another origin that opens the console's socket with the agent's cookie (item 13)", async () => {
    const { baseUrl } = journey();
    const agentContext = await journey().person('agent');
    const consolePage = await agentContext.newPage();
    await loginAgent(consolePage, baseUrl);

    // A visitor's chat waits in the queue: what the attacker is after.
    const visitor = await visitShop(await journey().person('visitor'), baseUrl, '/demo/products/tote.html');
    await openChat(visitor);
    await sendVisitorMessage(visitor, SECRET);
    await waitFor('the chat to wait in the agent\'s queue', async () => (await consolePage.locator(`${C.queue} ${C.item}`).filter({ hasText: SECRET }).count()) === 1);

    // The agent, still signed in, opens the attacker's page in another tab of the same browser.
    evil = await startOtherOrigin('<!doctype html><title>Win a free tote</title><h1>Spin the wheel!</h1><script src="/socket.io.js"></script>');
    const attacker = await agentContext.newPage();
    await attacker.goto(evil.url);
    if (!evil.cookiesSeen.some((c) => c.includes('causette_session='))) {
      throw new Error(`the browser did not carry the agent's session cookie to the other origin's host (cookies seen: ${JSON.stringify(evil.cookiesSeen)})`);
    }

    // Attack 1: socket.io-client, as the console itself connects, with credentials, over both transports.
    const viaClient = await attacker.evaluate(async (base) => {
      const io = (window as unknown as { io: (url: string, opts: object) => SocketLike }).io;
      interface SocketLike {
        on(event: string, fn: (arg: unknown) => void): void;
        onAny(fn: (...args: unknown[]) => void): void;
        emit(event: string, payload: unknown, ack: (reply: unknown) => void): void;
        close(): void;
      }
      const attempt = (transports: string[]) =>
        new Promise<{ transports: string; outcome: string; received: unknown[] }>((resolve) => {
          const received: unknown[] = [];
          const s = io(`${base}/agent`, { transports, withCredentials: true, reconnection: false, forceNew: true, timeout: 5_000 });
          s.onAny((...args) => received.push(args));
          const done = (outcome: string) => {
            s.close();
            resolve({ transports: transports.join('+'), outcome, received });
          };
          s.on('connect', () => s.emit('inbox:sync', {}, (reply) => (received.push(reply), done('connected'))));
          s.on('connect_error', (err) => done(`connect_error: ${(err as Error).message}`));
          setTimeout(() => done('no answer'), 6_000);
        });
      return [await attempt(['websocket']), await attempt(['polling', 'websocket'])];
    }, baseUrl);
    for (const a of viaClient) {
      if (a.outcome === 'connected' || a.received.length > 0) {
        throw new Error(`socket.io-client from ${evil.url} (${a.transports}) got in: ${JSON.stringify(a).slice(0, 600)}`);
      }
    }
    assertEqual('what the WebSocket attempt was told', viaClient[0]!.outcome, 'connect_error: origin_not_allowed');

    // Attack 2: a bare WebSocket, every frame by hand; it asks for the inbox even after the refusal.
    const raw = await RawSocket.open(attacker, baseUrl, AGENT_NS);
    assertEqual("the server's answer to the other origin's CONNECT", await raw.connectReply(), { refused: 'origin_not_allowed' });
    assertEqual('the inbox ack the other origin received', await raw.emitWithAck('inbox:sync', {}), null);
    const leaked = (await raw.frames()).filter((f) => f.startsWith('42') || f.startsWith('43') || f.includes(SECRET));
    assertEqual('events, acks or chat text that reached the other origin', leaked, []);

    // The control: the same script from the console's own origin, with the same cookie, reads the inbox.
    const own = await RawSocket.open(consolePage, baseUrl, AGENT_NS);
    const ownReply = await own.connectReply();
    if (!ownReply || !('sid' in ownReply)) throw new Error(`the probe could not connect from the console's own origin: ${JSON.stringify(ownReply)}`);
    const [inbox] = ((await own.emitWithAck('inbox:sync', {})) ?? []) as [InboxReply?];
    if (!inbox?.ok || !inbox.queue?.some((c) => c.lastMessage?.body === SECRET)) {
      throw new Error(`the probe, from the console's origin, did not read the waiting chat: ${JSON.stringify(inbox).slice(0, 400)}`);
    }
  });

  it('signs a disabled agent out at once and lets no socket of theirs back in, not even by recovery (item 5)', async () => {
    const { baseUrl } = journey();
    const adminContext = await journey().person('admin');
    const admin = await adminApi(adminContext, baseUrl);
    const password = 'bruno-long-password-2026';
    const bruno = await admin.createAgent({ email: 'bruno@example.com', name: 'Bruno', password });
    const brunoPage = await (await journey().person('bruno')).newPage();
    await loginAgent(brunoPage, baseUrl, bruno.email, password);

    // A live connection of Bruno's besides the console (a second tab), and one that will drop and try to resume.
    const live = await RawSocket.open(brunoPage, baseUrl, AGENT_NS);
    const flaky = await RawSocket.open(brunoPage, baseUrl, AGENT_NS);
    const session = await flaky.connectReply();
    if (!session || !('pid' in session) || !session.pid) throw new Error(`no recoverable session (pid) in the CONNECT reply: ${JSON.stringify(session)}`);
    // A visitor arriving makes the server broadcast to the site's agents; the broadcast carries a recovery offset.
    await visitShop(await journey().person('visitor'), baseUrl, '/demo/');
    const offset = await waitFor('a broadcast with a recovery offset to reach the connection', () => flaky.lastOffset().then((o) => o ?? false));

    // Control: while Bruno is allowed in, a dropped connection resumes its own session.
    await flaky.drop();
    const resumed = await RawSocket.open(brunoPage, baseUrl, AGENT_NS, { pid: session.pid, offset });
    assertEqual('the session a resume restores while Bruno is enabled', await resumed.connectReply(), { sid: session.sid, pid: session.pid });
    await resumed.drop();

    // The admin disables Bruno while all of that is open.
    const res = await adminContext.request.patch(`${baseUrl}/api/agents/${bruno.id}`, { data: { disabled: true } });
    if (!res.ok()) throw new Error(`PATCH /api/agents/${bruno.id} answered ${res.status()}: ${await res.text()}`);
    const disabledAt = Date.now();
    await brunoPage.locator('input[name=email]').waitFor({ state: 'visible', timeout: 3_000 });
    console.info(`[security-console-hijack] Bruno's console back at sign-in ${Date.now() - disabledAt} ms after he was disabled`);
    assertEqual('the inbox still on screen', await brunoPage.locator(C.queue).count(), 0);
    await waitFor("Bruno's other live connection to be told and closed", async () => {
      const frames = await live.frames();
      return frames.some((f) => f.startsWith(`42${AGENT_NS},["session:end"`)) && (frames.includes(`41${AGENT_NS},`) || (await live.closed()));
    }, { timeout: 3_000 });
    assertEqual('the inbox ack on the live connection after the disable', await live.emitWithAck('inbox:sync', {}, 1_500), null);

    // Resuming the dropped session, and a fresh connection with the cookie the browser still holds: both refused.
    const recovery = await RawSocket.open(brunoPage, baseUrl, AGENT_NS, { pid: session.pid, offset });
    assertEqual('the answer to a resume with the pid and offset of the dropped session', await recovery.connectReply(), { refused: 'unauthenticated' });
    assertEqual('the inbox ack after a refused resume', await recovery.emitWithAck('inbox:sync', {}, 1_500), null);
    const fresh = await RawSocket.open(brunoPage, baseUrl, AGENT_NS);
    assertEqual('the answer to a fresh connection', await fresh.connectReply(), { refused: 'unauthenticated' });

    // Reloading the console or signing in again does not bring him back either.
    await brunoPage.reload();
    await brunoPage.locator('input[name=email]').waitFor({ state: 'visible' });
    await brunoPage.locator('input[name=email]').fill(bruno.email);
    await brunoPage.locator('input[name=password]').fill(password);
    await brunoPage.locator('button[type=submit]').click();
    await brunoPage.locator('[data-test=login-error]').waitFor({ state: 'visible' });
    assertEqual('the inbox after signing in again', await brunoPage.locator(C.queue).count(), 0);
  });
});
