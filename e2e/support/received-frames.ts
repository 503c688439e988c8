/**
 * Everything a page's Socket.IO connections received, as raw text: events, acks (session:resume and
 * message:sync replies carry history) and handshakes alike, over either transport. realtime-traffic.ts reads
 * events only; a privacy check must also see the acks, so it searches here.
 */
import type { Page } from 'playwright-core';

export interface ReceivedFrames {
  /** Raw frames in arrival order (WebSocket frames and long-polling response bodies). */
  readonly frames: readonly string[];
  /** The frames that contain `text`, as JSON would carry it (quotes and backslashes escaped). */
  containing(text: string): string[];
}

/** Starts recording before the page navigates; it follows the page across loads and reloads. */
export function recordReceivedFrames(page: Page): ReceivedFrames {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
  });
  page.on('response', (res) => {
    if (!res.url().includes('/socket.io/') || res.request().method() !== 'GET') return;
    res.text().then((body) => frames.push(body)).catch(() => undefined);
  });
  return {
    frames,
    containing(text) {
      const asJson = JSON.stringify(text).slice(1, -1);
      return frames.filter((f) => f.includes(text) || f.includes(asJson));
    },
  };
}

/** Fails when any frame the page received carries `text`, quoting the frame. */
export function assertNeverReceived(who: string, recorded: ReceivedFrames, text: string): void {
  const leaks = recorded.containing(text);
  if (leaks.length > 0) {
    throw new Error(`${who} received "${text}" in ${leaks.length} socket frame(s) of ${recorded.frames.length}; first: ${leaks[0]!.slice(0, 600)}`);
  }
}
