/**
 * An attacker's tools for the security journeys (issue 6's catalogue), each used from a real page in Chromium:
 *
 *  - what injected markup would leave behind (elements, inline handlers, `window.__pwned`, unsafe links), read
 *    in the page's DOM and in the widget's open shadow root alike;
 *  - a page on another origin, served from its own port on the same host: its requests carry the agent's
 *    cookies (cookies ignore ports), so only the server's origin check stands between it and the console's socket;
 *  - a hand-made Socket.IO client over a bare WebSocket, speaking Engine.IO v4 / Socket.IO v5 frames, so a test
 *    controls every byte an attacker would send: the namespace CONNECT (with a forged recovery `pid`/`offset`),
 *    events with acks, and an abrupt drop of the transport (which the server keeps for connection-state recovery).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AGENT_NAMESPACE } from '@causette/shared';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './paths.js';
import { waitFor } from './wait.js';

// ---------------------------------------------------------------------------------------------------------------
// What injected markup leaves behind

/** The flag every payload of the XSS journey sets if it ever runs; `undefined` when nothing ran. */
export async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

export interface Injected {
  /** Where it was found (a selector of `within`), its tag and its markup. */
  where: string;
  tag: string;
  html: string;
}

/**
 * Elements that could only be there because text was parsed as HTML: `tags` inside the containers `within`,
 * and, anywhere in them, any element carrying an inline event handler (Preact attaches its listeners with
 * addEventListener, never as `on…` attributes). Looks into the widget's open shadow root too.
 */
export async function injectedElements(page: Page, within: readonly string[], tags: readonly string[]): Promise<Injected[]> {
  return page.evaluate(
    ({ within, tags }) => {
      const roots: ParentNode[] = [document];
      const host = document.getElementById('causette-root');
      if (host?.shadowRoot) roots.push(host.shadowRoot);
      const found: Array<{ where: string; tag: string; html: string }> = [];
      for (const root of roots) {
        for (const where of within) {
          for (const container of Array.from(root.querySelectorAll(where))) {
            for (const el of Array.from(container.querySelectorAll('*'))) {
              const tag = el.tagName.toLowerCase();
              const handler = Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith('on'));
              if (tags.includes(tag) || handler) found.push({ where, tag, html: el.outerHTML.slice(0, 300) });
            }
          }
        }
      }
      return found;
    },
    { within: [...within], tags: [...tags] },
  );
}

export interface PageLink {
  href: string;
  text: string;
  target: string | null;
  rel: string | null;
}

/** Every anchor with an href (inside `within`, if given), in the page and in the widget's shadow root, as the browser resolved it. */
export async function pageLinks(page: Page, within?: string): Promise<PageLink[]> {
  return page.evaluate((within) => {
    const roots: ParentNode[] = [document];
    const host = document.getElementById('causette-root');
    if (host?.shadowRoot) roots.push(host.shadowRoot);
    return roots.flatMap((root) =>
      Array.from(root.querySelectorAll(within ? `${within} a[href]` : 'a[href]')).map((a) => ({
        href: (a as HTMLAnchorElement).href,
        text: (a.textContent ?? '').trim(),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
    );
  }, within ?? null);
}

/** Links a click would turn into script or an attacker's document: any scheme but http(s) and mailto. */
export function unsafeLinks(links: readonly PageLink[]): PageLink[] {
  return links.filter((l) => {
    try {
      return !['http:', 'https:', 'mailto:'].includes(new URL(l.href).protocol);
    } catch {
      return true;
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Another origin on the same host

export interface OtherOrigin {
  /** `http://127.0.0.1:<its own port>/` */
  readonly url: string;
  /** The Cookie header of every request the browser made to it, in order. */
  readonly cookiesSeen: readonly string[];
  close(): Promise<void>;
}

/**
 * A web page of the attacker's, on 127.0.0.1 but another port: a different origin, yet the same host, so the
 * browser hands it (and every request it makes to Causette) the cookies it holds for 127.0.0.1. Serves `html`
 * at `/`, and socket.io-client's browser build at `/socket.io.js`, as an attacker would ship it. `port` 0: any free one.
 */
export async function startOtherOrigin(html: string, port = 0): Promise<OtherOrigin> {
  const client = await readFile(join(REPO_ROOT, 'e2e', 'node_modules', 'socket.io-client', 'dist', 'socket.io.min.js'));
  const cookiesSeen: string[] = [];
  const server = createServer((req, res) => {
    const headers: IncomingHttpHeaders = req.headers;
    cookiesSeen.push(headers.cookie ?? '');
    if (req.url === '/socket.io.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(client);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    cookiesSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A bare WebSocket speaking Socket.IO, from inside a page

/** What the server answered to a namespace CONNECT: the session, or the refusal's message. */
export type ConnectReply = { sid: string; pid?: string } | { refused: string } | { closed: true };

interface RawState {
  frames: string[];
  closed: boolean;
  ws: WebSocket;
  nextAck: number;
}

/**
 * One Socket.IO connection to a namespace over a bare WebSocket, opened by the page's own script (its origin,
 * its cookies). Answers pings; records every frame received. `auth` goes in the CONNECT packet, where
 * socket.io-client puts `pid` and `offset` when it tries to recover a dropped session.
 */
export class RawSocket {
  private constructor(
    private readonly page: Page,
    readonly id: string,
    readonly namespace: string,
  ) {}

  static async open(page: Page, baseUrl: string, namespace: string, auth?: Record<string, string>): Promise<RawSocket> {
    const id = `raw-${Math.random().toString(36).slice(2)}`;
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    await page.evaluate(
      ({ id, url, namespace, auth }) => {
        const w = window as unknown as { __raw?: Record<string, RawState> };
        const all = (w.__raw ??= {});
        const ws = new WebSocket(url);
        const state: RawState = { frames: [], closed: false, ws, nextAck: 1 };
        all[id] = state;
        ws.onmessage = (e) => {
          const frame = String(e.data);
          state.frames.push(frame);
          if (frame === '2') ws.send('3'); // Engine.IO ping → pong
          else if (frame.startsWith('0{')) ws.send(`40${namespace},${auth ? JSON.stringify(auth) : ''}`);
        };
        ws.onclose = () => (state.closed = true);
      },
      { id, url, namespace, auth },
    );
    const socket = new RawSocket(page, id, namespace);
    await waitFor(`the server to answer the ${namespace} CONNECT of ${id}`, async () => {
      const reply = await socket.connectReply();
      return reply !== null;
    });
    return socket;
  }

  /** Every frame received so far, in order (Engine.IO open and pings included). */
  async frames(): Promise<string[]> {
    return this.page.evaluate((id) => (window as unknown as { __raw: Record<string, RawState> }).__raw[id]!.frames.slice(), this.id);
  }

  async closed(): Promise<boolean> {
    return this.page.evaluate((id) => (window as unknown as { __raw: Record<string, RawState> }).__raw[id]!.closed, this.id);
  }

  /** The server's answer to the CONNECT, or null while it has said nothing. */
  async connectReply(): Promise<ConnectReply | null> {
    const frames = await this.frames();
    const ok = frames.find((f) => f.startsWith(`40${this.namespace},`));
    if (ok) return JSON.parse(ok.slice(`40${this.namespace},`.length)) as { sid: string; pid?: string };
    const refused = frames.find((f) => f.startsWith(`44${this.namespace},`));
    if (refused) return { refused: (JSON.parse(refused.slice(`44${this.namespace},`.length)) as { message: string }).message };
    return (await this.closed()) ? { closed: true } : null;
  }

  /** The events received on this namespace (not acks), name and arguments, as an attacker would read them. */
  async events(): Promise<Array<{ name: string; args: unknown[] }>> {
    const prefix = `42${this.namespace},`;
    return (await this.frames())
      .filter((f) => f.startsWith(prefix))
      .map((f) => {
        const [name, ...args] = JSON.parse(f.slice(prefix.length).replace(/^\d+/, '')) as [string, ...unknown[]];
        return { name, args };
      });
  }

  /**
   * The last recovery offset the server appended to a broadcast event (Socket.IO adds it as the last
   * argument when connection-state recovery is on), or undefined before any broadcast arrived.
   */
  async lastOffset(): Promise<string | undefined> {
    const withOffset = (await this.events()).filter((e) => e.args.length > 1 && typeof e.args[e.args.length - 1] === 'string');
    const last = withOffset[withOffset.length - 1];
    return last ? (last.args[last.args.length - 1] as string) : undefined;
  }

  /**
   * Sends `event` with an ack id, refused or not (an attacker does not give up after a refusal), and waits up
   * to `timeout` ms for the ack. Returns the ack's arguments, or null when none came.
   */
  async emitWithAck(event: string, payload: unknown, timeout = 3_000): Promise<unknown[] | null> {
    const ackId = await this.page.evaluate(
      ({ id, namespace, event, payload }) => {
        const state = (window as unknown as { __raw: Record<string, RawState> }).__raw[id]!;
        const ack = state.nextAck++;
        if (state.ws.readyState === WebSocket.OPEN) state.ws.send(`42${namespace},${ack}${JSON.stringify([event, payload])}`);
        return ack;
      },
      { id: this.id, namespace: this.namespace, event, payload },
    );
    const prefix = `43${this.namespace},${ackId}[`;
    const deadline = Date.now() + timeout;
    for (;;) {
      const frame = (await this.frames()).find((f) => f.startsWith(prefix));
      if (frame) return JSON.parse(frame.slice(prefix.length - 1)) as unknown[];
      if (Date.now() > deadline || (await this.closed())) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Drops the transport without a Socket.IO goodbye, as a lost network would: the server keeps the session. */
  async drop(): Promise<void> {
    await this.page.evaluate((id) => (window as unknown as { __raw: Record<string, RawState> }).__raw[id]!.ws.close(), this.id);
    await waitFor(`${this.id} to be closed`, () => this.closed());
  }
}

/** The agent's namespace, as the console uses it. */
export const AGENT_NS = AGENT_NAMESPACE;
