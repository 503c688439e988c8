// The widget's size budget: every shop page downloads widget.js, so its gzip size is a hard limit.
// Usage: pnpm bench:size (builds first), or node bench/size.mjs on an existing build.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 25_000;
const file = new URL('../widget/dist/widget.js', import.meta.url);

let bytes;
try {
  bytes = readFileSync(file);
} catch {
  console.error(`No ${file.pathname}: build it first (pnpm --filter @causette/widget build).`);
  process.exit(1);
}

const gzip = gzipSync(bytes, { level: 9 }).length;
const brotli = brotliCompressSync(bytes, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
}).length;
const kb = (n) => `${(n / 1000).toFixed(2)} kB`.padStart(10);

console.log('widget/dist/widget.js');
console.log(`  raw     ${kb(bytes.length)}  (${bytes.length} B)`);
console.log(`  gzip    ${kb(gzip)}  (${gzip} B, level 9)  budget ${BUDGET_GZIP} B, ${BUDGET_GZIP - gzip} B left`);
console.log(`  brotli  ${kb(brotli)}  (${brotli} B, quality 11)`);

if (gzip > BUDGET_GZIP) {
  console.error(`Over budget: gzip ${gzip} B > ${BUDGET_GZIP} B.`);
  process.exit(1);
}
