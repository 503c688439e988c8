/**
 * Security catalogue — item 15, security headers: a policy that lets the console run only its own code and
 * never inside another site's frame (XSS impact, clickjacking), no MIME sniffing, HSTS only behind TLS.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { startServer, type Running } from '../support/harness.js';

let server: Running;
beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: '1' });
});
afterAll(async () => server.stop());

const csp = (res: Response) => Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('15. security headers', () => {
  it('serves the console with a policy allowing only its own scripts and no framing (XSS, clickjacking)', async () => {
    const res = await fetch(`${server.base}/console/`);
    expect(res.status).toBe(200);
    const policy = csp(res);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('sends the same policy and nosniff on API answers (content sniffing)', async () => {
    const res = await fetch(`${server.base}/api/health`);
    expect(csp(res)['default-src']).toEqual(["'self'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends HSTS behind TLS only (protocol downgrade)', async () => {
    expect((await fetch(`${server.base}/api/health`)).headers.get('strict-transport-security')).toBeNull();
    const tls = await fetch(`${server.base}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });

  it('sends the widget compressed, since every shop visitor pays for its bytes', async () => {
    const core = readdirSync(join(ROOT, 'widget/dist/widget')).find((f) => f.startsWith('core-'))!;
    const res = await fetch(`${server.base}/widget/${core}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect((await res.text()).length).toBeGreaterThan(10_000);
  });

  it('lets any shop load the widget script cross-origin', async () => {
    const res = await fetch(`${server.base}/widget.js`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
  });
});
