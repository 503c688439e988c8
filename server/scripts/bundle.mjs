/**
 * Builds what `pnpm start` runs: server/dist/server.js and server/dist/cli.js, plain JavaScript for node.
 * npm packages stay external (native modules such as better-sqlite3 cannot be bundled, and node resolves
 * them from server/node_modules); our own @causette/shared is inlined, since it ships TypeScript only.
 * dist/ sits at the same depth as src/, so ROOT in config.ts still finds widget/dist, console/dist and the demo.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !name.startsWith('@causette/'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: serverDir,
  entryPoints: ['src/server.ts', 'src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
