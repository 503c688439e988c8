/** An operator reads docs/OPERATIONS.md, not the schema: every variable the server reads is listed there. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../config.js';
import { ENV_NAMES } from './env-schema.js';

it('docs/OPERATIONS.md names every environment variable in the schema', () => {
  const operations = readFileSync(resolve(ROOT, 'docs/OPERATIONS.md'), 'utf8');
  const missing = ENV_NAMES.filter((name) => !operations.includes(`\`${name}\``));
  expect(missing).toEqual([]);
});
