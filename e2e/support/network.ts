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
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface NetworkLink {
  /** `http://127.0.0.1:PORT`, for `browser.newContext({ proxy: { server } })`. */
  readonly proxyServer: string;
  /** Cuts the link; returns how many open connections it turned into black holes. */
  cut(): number;
  restore(): void;
  /** Connections and requests the link has carried so far: proof the context really uses it. */
  readonly carried: number;
  readonly isUp: boolean;
  close(): Promise<void>;
}

interface Tunnel {
  client: Duplex;
  upstream: Socket;
}

export async function startNetworkLink(): Promise<NetworkLink> {
  let up = true;
  let carried = 0;
  const tunnels = new Set<Tunnel>();
  const blackHoled = new Set<Tunnel>();

  /** Relays bytes one way, only while the link is up: a cut drops them on the floor. */
  const relay = (tunnel: Tunnel, from: Duplex, to: Duplex) => {
    from.on('data', (chunk: Buffer) => {
      if (up && !blackHoled.has(tunnel) && !to.destroyed) to.write(chunk);
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
    if (!up) return client.destroy();
    const upstream = connect(port, host);
    const t: Tunnel = { client, upstream };
    carried++;
    tunnels.add(t);
    upstream.once('connect', () => {
      if (preamble) upstream.write(preamble);
      else client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      relay(t, client, upstream);
      relay(t, upstream, client);
    });
    upstream.on('error', () => forget(t));
    client.on('error', () => forget(t));
    upstream.on('close', () => {
      // A closed upstream is relayed as a close, unless the link is cut: then the client hears nothing.
      if (!blackHoled.has(t)) forget(t);
    });
    client.on('close', () => {
      if (!blackHoled.has(t)) forget(t);
    });
  };

  /** Plain HTTP (absolute-form request lines): long-polling and page loads. */
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    if (!up) return req.socket.destroy();
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const upstreamReq = httpRequest(
      { host: target.hostname, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (upstreamRes) => {
        if (!up) return; // dropped on the floor; restore() resets this connection
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.on('data', (chunk: Buffer) => {
          if (up) res.write(chunk);
        });
        upstreamRes.on('end', () => {
          if (up) res.end();
        });
      },
    );
    // An in-flight request across a cut is a black hole too; it is reset on restore.
    const t: Tunnel = { client: req.socket, upstream: upstreamReq.socket ?? (upstreamReq as unknown as Socket) };
    tunnels.add(t);
    carried++;
    upstreamReq.on('socket', (s) => (t.upstream = s));
    upstreamReq.on('error', () => {
      if (up && !res.headersSent) res.writeHead(502).end();
    });
    res.on('finish', () => tunnels.delete(t));
    req.on('data', (chunk: Buffer) => {
      if (up) upstreamReq.write(chunk);
    });
    req.on('end', () => {
      if (up) upstreamReq.end();
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
    cut() {
      up = false;
      for (const t of tunnels) blackHoled.add(t);
      return blackHoled.size;
    },
    restore() {
      for (const t of [...blackHoled]) forget(t);
      up = true;
    },
    async close() {
      for (const t of [...tunnels]) forget(t);
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
