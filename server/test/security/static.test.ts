/**
 * Security catalogue — items 12 and 14: static routes serve their own folders and nothing else (path traversal),
 * and the widget never talks to the page through postMessage (cross-window messaging).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { startServer, type Running } from '../support/harness.js';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.stop());

/** The path exactly as written: fetch would resolve `..` before sending. */
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

describe('12. static routes', () => {
  it('never serves a file outside the console, demo and widget folders (path traversal)', async () => {
    const attempts = [
      '/console/../../package.json',
      '/console/..%2f..%2fpackage.json',
      '/console/%2e%2e/%2e%2e/server/src/config.ts',
      '/demo/../../../../etc/passwd',
      '/demo/..%5c..%5cpackage.json',
      '/widget/..%2f..%2fpackage.json',
      '/console/assets/../../../data/causette.sqlite',
      '/demo/%252e%252e/%252e%252e/package.json',
    ];
    for (const path of attempts) {
      const res = await rawGet(path);
      expect(res.body, path).not.toContain('"workspaces"');
      expect(res.body, path).not.toContain('root:x:0:0');
      expect(res.body, path).not.toContain('DATABASE_URL');
      expect(res.body, path).not.toContain('SQLite format');
      expect([200, 301, 302, 400, 403, 404], path).toContain(res.status);
      // A 200 here is the console app's own page (its router handles unknown paths), nothing else.
      if (res.status === 200) expect(res.body, path).toContain('<div id="app">');
    }
  });
});

describe('14. postMessage', () => {
  it('is never used by the widget, so no message can be sent to or accepted from another window (cross-window messaging)', () => {
    const dist = join(ROOT, 'widget/dist');
    const files = [join(dist, 'widget.js'), ...readdirSync(join(dist, 'widget')).map((f) => join(dist, 'widget', f))];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/postMessage\s*\(/);
      expect(code, file).not.toMatch(/addEventListener\(\s*["']message["']/);
    }
  });
});
