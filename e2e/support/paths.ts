import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_DIR = join(REPO_ROOT, 'server');
/** What `pnpm start` runs: the server bundled by server/scripts/bundle.mjs. */
export const SERVER_BUNDLE = join(REPO_ROOT, 'server', 'dist', 'server.js');
export const WIDGET_BUNDLE = join(REPO_ROOT, 'widget', 'dist', 'widget.js');
export const CONSOLE_INDEX = join(REPO_ROOT, 'console', 'dist', 'index.html');
export const SCREENSHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');
