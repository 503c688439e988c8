/**
 * A slow uplink for uploads: an HTTP proxy a browser context sends its traffic through, which passes everything
 * at full speed except the bodies of file uploads (`POST …/files/…`), sent upstream at `bytesPerSecond`. On
 * loopback an upload is over in milliseconds, and Chromium's DevTools throttling does not slow request bodies; a
 * person on a phone network watches the progress bar for seconds, and so does the journey.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

export interface SlowUplink {
  /** For `browser.newContext({ proxy: { server } })`. */
  readonly proxyServer: string;
  /** Uploads slowed so far: proof the browser went through the proxy. */
  readonly slowed: number;
  close(): Promise<void>;
}

export async function startSlowUplink(bytesPerSecond: number): Promise<SlowUplink> {
  let slowed = 0;
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '');
    const upstream = httpRequest({ host: target.hostname, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => !res.headersSent && res.writeHead(502).end());
    if (req.method !== 'POST' || !target.pathname.includes('/files')) return void req.pipe(upstream);
    slowed++;
    // A tenth of a second's worth at a time.
    const slice = Math.max(1, Math.round(bytesPerSecond / 10));
    const queue: Buffer[] = [];
    let ended = false;
    const timer = setInterval(() => {
      let budget = slice;
      while (budget > 0 && queue.length) {
        const head = queue[0]!;
        const part = head.subarray(0, budget);
        upstream.write(part);
        budget -= part.length;
        if (part.length === head.length) queue.shift();
        else queue[0] = head.subarray(part.length);
      }
      if (!queue.length && !ended) req.resume();
      if (!queue.length && ended) {
        clearInterval(timer);
        upstream.end();
      }
    }, 100);
    // Read no faster than the link sends: the browser's socket fills up and its upload progress follows the link.
    req.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      req.pause();
    });
    req.on('end', () => (ended = true));
    req.on('close', () => !ended && (clearInterval(timer), upstream.destroy()));
  };

  const tunnel = (client: Duplex, host: string, port: number, head: Buffer, preamble: Buffer | null) => {
    const upstream = connect(port, host);
    track(client);
    track(upstream);
    upstream.once('connect', () => {
      if (preamble) upstream.write(preamble);
      else client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    const end = () => (client.destroy(), upstream.destroy());
    upstream.on('error', end);
    client.on('error', end);
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
  proxy.on('connection', track);
  proxy.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    proxyServer: `http://127.0.0.1:${port}`,
    get slowed() {
      return slowed;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
