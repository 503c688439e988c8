/**
 * What a page's Socket.IO client sent and received, event by event, over either transport (HTTP long-polling
 * before the upgrade, WebSocket after): proof that a report really left the page, or that no teaser came back.
 */
import type { Page } from 'playwright-core';

export interface RealtimeEvent {
  direction: 'sent' | 'received';
  name: string;
  payload: unknown;
  at: number;
}

export interface RealtimeTraffic {
  readonly events: readonly RealtimeEvent[];
  sent(name: string, match?: (payload: unknown) => boolean): RealtimeEvent[];
  received(name: string, match?: (payload: unknown) => boolean): RealtimeEvent[];
}

/** An Engine.IO MESSAGE (4) carrying a Socket.IO EVENT (2) or ACK-less event, optionally namespaced, optionally with an ack id. */
const EVENT_PACKET = /^42(?:\/[^,[]*,)?\d*(\[[\s\S]*\])$/;

function parsePackets(raw: string): Array<{ name: string; payload: unknown }> {
  const out: Array<{ name: string; payload: unknown }> = [];
  // Long-polling payloads join packets with the record separator.
  for (const packet of raw.split('\x1e')) {
    const match = EVENT_PACKET.exec(packet);
    if (!match) continue;
    try {
      const [name, payload] = JSON.parse(match[1]!) as [string, unknown];
      if (typeof name === 'string') out.push({ name, payload });
    } catch {
      // Not an event we can read (binary attachment placeholder…): ignore.
    }
  }
  return out;
}

/** Starts recording before the page navigates (it follows the page across loads and reloads). */
export function recordRealtime(page: Page): RealtimeTraffic {
  const events: RealtimeEvent[] = [];
  const add = (direction: RealtimeEvent['direction'], raw: string | Buffer) => {
    if (typeof raw !== 'string') return;
    for (const e of parsePackets(raw)) events.push({ direction, ...e, at: Date.now() });
  };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    ws.on('framesent', (f) => add('sent', f.payload));
    ws.on('framereceived', (f) => add('received', f.payload));
  });
  page.on('request', (req) => {
    if (req.url().includes('/socket.io/') && req.method() === 'POST') add('sent', req.postData() ?? '');
  });
  page.on('response', (res) => {
    if (!res.url().includes('/socket.io/') || res.request().method() !== 'GET') return;
    res.text().then((body) => add('received', body)).catch(() => undefined);
  });
  const pick = (direction: RealtimeEvent['direction']) => (name: string, match?: (payload: unknown) => boolean) =>
    events.filter((e) => e.direction === direction && e.name === name && (!match || match(e.payload)));
  return { events, sent: pick('sent'), received: pick('received') };
}
