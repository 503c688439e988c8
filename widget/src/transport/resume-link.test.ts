import { afterAll, expect, it, vi } from 'vitest';

/** The resume link's token (from `#causette-resume=` in an email's link) rides on the first handshake only. */
const captured = vi.hoisted(() => ({ auth: undefined as undefined | ((cb: (data: object) => void) => void) }));

vi.mock('socket.io-client', () => ({
  Manager: class {
    socket(_nsp: string, options: { auth: (cb: (data: object) => void) => void }) {
      captured.auth = options.auth;
      return { on() {}, connected: false, timeout: () => ({ emitWithAck: async () => ({ ok: false }) }) };
    }
  },
}));

const { connect } = await import('./socket');
afterAll(() => vi.resetModules());

it('sends the resume token with the first handshake, and never again', async () => {
  connect({ base: 'https://chat.test', siteKey: 'shop', resume: 'eyJsIjoieCJ9.c2ln', onReady() {}, onMessage() {}, onEnd() {} });
  const handshake = () => new Promise<any>((resolve) => captured.auth!(resolve));
  expect(await handshake()).toMatchObject({ siteKey: 'shop', resume: 'eyJsIjoieCJ9.c2ln' });
  const again = await handshake();
  expect(JSON.parse(JSON.stringify(again))).toEqual({ siteKey: 'shop' });
});
