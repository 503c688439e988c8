/** The widget as a shop page fetches it, cross-origin: the bootstrap, its ES-module chunks, and nothing else. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from './support/harness.js';

// A widget build of our own, so the test needs no `pnpm build` and knows every file's content.
const widgetDir = mkdtempSync(join(tmpdir(), 'causette-widget-'));
const CHUNK = 'core-Ab12_x-Y.js';
mkdirSync(join(widgetDir, 'widget'));
writeFileSync(join(widgetDir, 'widget.js'), 'import(new URL("widget/core-Ab12_x-Y.js", document.currentScript.src).href);');
writeFileSync(join(widgetDir, 'widget', CHUNK), 'export function boot() {}');
// Beside the chunk folder, not in it: never served from /widget/.
writeFileSync(join(widgetDir, 'secret.js'), 'export const secret = "not for the page";');
writeFileSync(join(widgetDir, 'package.json'), '{"secret": "not for the page"}');

let server: Running;
beforeAll(async () => {
  server = await startServer({ WIDGET_DIR: widgetDir });
});
afterAll(async () => {
  await server?.stop();
  rmSync(widgetDir, { recursive: true, force: true });
});

const fromShop = (path: string) => fetch(`${server.base}${path}`, { headers: { origin: 'https://shop.example' } });

/** A request with the path exactly as written: fetch and URL would resolve `..` before sending. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.base}/`, { path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the widget for shop pages', () => {
  it('serves the bootstrap with a short cache and CORS, as a script', async () => {
    const res = await fromShop('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.text()).toContain(CHUNK);
  });

  it('serves a hashed chunk cross-origin as a JavaScript module, cached for a year', async () => {
    const res = await fromShop(`/widget/${CHUNK}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('export function boot() {}');
  });

  it('answers 404 for a chunk that does not exist (a stale hash)', async () => {
    const res = await fromShop('/widget/core-0000000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
  });

  it('serves nothing outside the chunk folder, however the path is written', async () => {
    for (const path of [
      '/widget/../package.json',
      '/widget/../secret.js',
      '/widget/..%2fsecret.js',
      '/widget/%2e%2e%2fsecret.js',
      '/widget/..%5csecret.js',
      '/widget/.%2e/package.json',
      '/widget/secret.js%00.js',
      '/widget/widget.js',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/not for the page/);
    }
  });
});
