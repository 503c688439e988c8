/** The per-socket event limit is the operator's to set (bench:relay raises it); the default stays 120 per 10 s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ack, closeAllSockets, connected, startServer, visitorSocket, type Running } from './support/harness.js';

describe('event limit per visitor or agent', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ CAUSETTE_LIMIT_EVENTS_PER_10S: '5' });
  });
  afterAll(async () => {
    closeAllSockets();
    await server.stop();
  });

  it('defaults to 120 per 10 s and reads CAUSETTE_LIMIT_EVENTS_PER_10S', () => {
    expect(loadConfig({}).eventsPer10s).toBe(120);
    expect(loadConfig({ CAUSETTE_LIMIT_EVENTS_PER_10S: '1000000' }).eventsPer10s).toBe(1_000_000);
  });

  it('refuses events past the configured number', async () => {
    const s = visitorSocket(server.base);
    await connected(s);
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await ack(s, 'event:track', { name: 'tick' }));
    expect(replies.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expect(replies[5].error.code).toBe('rate_limited');
  });
});
