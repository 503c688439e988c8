/** A bad environment stops the real server process before it listens, naming the variable. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('server process with a bad environment', () => {
  it('exits non-zero and says which variable is wrong', { timeout: 90_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CAUSETTE_SWEEP_MS: 'abc', PORT: '0', DATA_DIR: '/nonexistent/never-created' };
    for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: `${import.meta.dirname}/..`, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('CAUSETTE_SWEEP_MS must be a whole number ≥ 100, got "abc"');
    expect(stderr).not.toContain('    at ');
  });
});
