// Loaded into a journey's server process (see server-clock.ts): Date.now() runs ahead by the offset in the file.
import { readFileSync, watchFile } from 'node:fs';

const file = process.env.CAUSETTE_E2E_CLOCK_FILE;
if (file) {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  const read = () => {
    try {
      offset = Number(readFileSync(file, 'utf8')) || 0;
    } catch {
      // Gone with the journey: keep the last offset.
    }
  };
  read();
  watchFile(file, { interval: 50 }, read).unref();
  Date.now = () => realNow() + offset;
}
