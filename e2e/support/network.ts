/**
 * A network link we can cut: a tiny HTTP proxy that one browser context sends ALL its traffic through
 * (Playwright routes loopback through a context proxy too, with Chromium's `<-loopback>` bypass rule).
 *
 * Why not only `context.setOffline(true)`: Chromium's offline emulation is a DevTools throttle. In
 * Chromium 156 it does stop frames on an already-open WebSocket (older Chromium let them through:
 * microsoft/playwright#4910), but it HOLDS them and delivers them late when the emulation ends, and it does
 * not close the socket while offline. A real network loss loses what was in flight and leaves the server with a dead
 * connection it will only notice by its heartbeat. `cut()` models that: every open connection becomes a
 * black hole (bytes in either direction are discarded, nothing is closed), and new connections are refused.
 * `restore()` resets the dead connections (as their TCP timeouts eventually would) and lets new ones through.
 *
 * Two narrower faults act on the realtime channel only (Socket.IO: its WebSocket tunnels and `/socket.io/`
 * polling requests), while pages and scripts still load, so that a tab can be reloaded during the fault:
 *  - `cutRealtime()`: the same black hole as `cut()`, for the realtime channel alone.
 *  - `loseDownstream()`: what the page sends still reaches the server, but nothing the server answers reaches
 *    the page (an ack lost after the server committed). No close is relayed to the page either.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface NetworkLink {
  /** `http://127.0.0.1:PORT`, for `browser.newContext({ proxy: { server } })`. */
  readonly proxyServer: string;
  /** Cuts the link; returns how many open connections it turned into black holes. */
  cut(): number;
  /** Cuts only the realtime channel (pages still load); returns how many open realtime connections it black-holed. */
  cutRealtime(): number;
  /** Drops every server→page byte of the realtime channel from now on; returns how many open WebSockets it hit. */
  loseDownstream(): number;
  /** Ends every fault: dead connections are reset, new ones pass. */
  restore(): void;
  /** Connections and requests the link has carried so far: proof the context really uses it. */
  readonly carried: number;
  readonly isUp: boolean;
  /** Realtime connections open now: WebSocket tunnels and in-flight `/socket.io/` HTTP requests (long-polling). */
  openRealtime(): { webSockets: number; polls: number };
  close(): Promise<void>;
}

interface Tunnel {
  client: Duplex;
  upstream: Socket;
  /** A WebSocket tunnel or a `/socket.io/` request, as opposed to a page, script or API request. */
  realtime: boolean;
  kind: 'tunnel' | 'http';
  /** Server→page bytes are dropped (and a server-side close is not relayed). */
  downstreamLost: boolean;
}

const isRealtimePath = (path: string) => path.startsWith('/socket.io/');

export async function startNetworkLink(): Promise<NetworkLink> {
  let up = true;
  let realtimeUp = true;
  let realtimeDownstreamLost = false;
  let carried = 0;
  const tunnels = new Set<Tunnel>();
  const blackHoled = new Set<Tunnel>();

  const passes = (t: Tunnel, direction: 'up' | 'down') => up && !blackHoled.has(t) && !(direction === 'down' && t.downstreamLost);
  const refuses = (realtime: boolean) => !up || (realtime && !realtimeUp);
  const dead = (t: Tunnel) => blackHoled.has(t) || t.downstreamLost;

  /** Relays bytes one way, only while the link is up: a cut drops them on the floor. */
  const relay = (tunnel: Tunnel, from: Duplex, to: Duplex, direction: 'up' | 'down') => {
    from.on('data', (chunk: Buffer) => {
      if (passes(tunnel, direction) && !to.destroyed) to.write(chunk);
    });
  };
  const forget = (tunnel: Tunnel) => {
    tunnels.delete(tunnel);
    blackHoled.delete(tunnel);
    tunnel.client.destroy();
    tunnel.upstream.destroy();
  };

  /** A raw TCP tunnel: CONNECT (how Chromium sends WebSockets through a proxy) and Upgrade requests. */
  const tunnel = (client: Duplex, host: string, port: number, head: Buffer, preamble: Buffer | null) => {
    // For http:// targets Chromium tunnels only WebSockets; here every tunnel is the realtime channel.
    if (refuses(true)) return client.destroy();
    const upstream = connect(port, host);
    const t: Tunnel = { client, upstream, realtime: true, kind: 'tunnel', downstreamLost: realtimeDownstreamLost };
    carried++;
    tunnels.add(t);
    upstream.once('connect', () => {
      if (preamble) upstream.write(preamble);
      else if (passes(t, 'down')) client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      relay(t, client, upstream, 'up');
      relay(t, upstream, client, 'down');
    });
    upstream.on('error', () => forget(t));
    client.on('error', () => forget(t));
    upstream.on('close', () => {
      // A closed upstream is relayed as a close, unless the link is cut: then the client hears nothing.
      if (!dead(t)) forget(t);
    });
    client.on('close', () => {
      if (!blackHoled.has(t)) forget(t);
    });
  };

  /** Plain HTTP (absolute-form request lines): long-polling and page loads. */
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const realtime = isRealtimePath(target.pathname);
    if (refuses(realtime)) return req.socket.destroy();
    // An in-flight request across a cut is a black hole too; it is reset on restore.
    const t: Tunnel = {
      client: req.socket,
      upstream: undefined as unknown as Socket,
      realtime,
      kind: 'http',
      downstreamLost: realtime && realtimeDownstreamLost,
    };
    const upstreamReq = httpRequest(
      { host: target.hostname, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (upstreamRes) => {
        if (!passes(t, 'down')) return; // dropped on the floor; restore() resets this connection
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.on('data', (chunk: Buffer) => {
          if (passes(t, 'down')) res.write(chunk);
        });
        upstreamRes.on('end', () => {
          if (passes(t, 'down')) res.end();
        });
      },
    );
    t.upstream = upstreamReq.socket ?? (upstreamReq as unknown as Socket);
    tunnels.add(t);
    carried++;
    upstreamReq.on('socket', (s) => (t.upstream = s));
    upstreamReq.on('error', () => {
      if (passes(t, 'down') && !res.headersSent) res.writeHead(502).end();
    });
    res.on('finish', () => tunnels.delete(t));
    req.on('data', (chunk: Buffer) => {
      if (passes(t, 'up')) upstreamReq.write(chunk);
    });
    req.on('end', () => {
      if (passes(t, 'up')) upstreamReq.end();
    });
  };

  const proxy = createServer(forward);
  proxy.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    tunnel(client, host ?? '127.0.0.1', Number(port) || 80, head, null);
  });
  proxy.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = new URL(req.url ?? '', 'http://invalid');
    const lines = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    tunnel(client, target.hostname, Number(target.port) || 80, head, Buffer.from(lines.join('\r\n') + '\r\n\r\n'));
  });
  // Keep-alive sockets from before a cut would otherwise carry new requests through it.
  proxy.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    proxyServer: `http://127.0.0.1:${port}`,
    get isUp() {
      return up;
    },
    get carried() {
      return carried;
    },
    openRealtime() {
      const open = [...tunnels].filter((t) => t.realtime && !dead(t));
      return { webSockets: open.filter((t) => t.kind === 'tunnel').length, polls: open.filter((t) => t.kind === 'http').length };
    },
    cut() {
      up = false;
      for (const t of tunnels) blackHoled.add(t);
      return blackHoled.size;
    },
    cutRealtime() {
      realtimeUp = false;
      for (const t of tunnels) if (t.realtime) blackHoled.add(t);
      return blackHoled.size;
    },
    loseDownstream() {
      realtimeDownstreamLost = true;
      let webSockets = 0;
      for (const t of tunnels) {
        if (!t.realtime) continue;
        t.downstreamLost = true;
        if (t.kind === 'tunnel') webSockets++;
      }
      return webSockets;
    },
    restore() {
      for (const t of new Set([...tunnels, ...blackHoled])) if (dead(t)) forget(t);
      up = true;
      realtimeUp = true;
      realtimeDownstreamLost = false;
    },
    async close() {
      for (const t of [...tunnels]) forget(t);
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
