// The widget's size budget. Every shop page downloads widget.js (a tiny classic-script bootstrap) and the core
// module it imports, so their gzip size together is a hard limit; the chat panel is a separate chunk that only
// opening the chat (or hovering the launcher) fetches, reported beside it.
// Usage: pnpm bench:size (builds first), or node bench/size.mjs on an existing build.
// `widgetSizes()` is the same measurement as a function, for the test suite's budget check (bench/size-budget.test.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUDGET_GZIP = 25_000;
export const WIDGET_DIST = new URL('../widget/dist/', import.meta.url);

/**
 * Measures a widget build: `pageLoad` is widget.js plus the core it imports and the core's static imports,
 * `onOpen` what the core imports dynamically (the panel). Throws when the build is missing or predates the split.
 */
export function widgetSizes(dist = WIDGET_DIST) {
  const read = (name) => {
    try {
      return readFileSync(new URL(name, dist));
    } catch {
      throw new Error(`No ${new URL(name, dist).pathname}: build it first (pnpm --filter @causette/widget build).`);
    }
  };
  // Each file is its own HTTP response, compressed on its own: sizes add up file by file.
  const measure = (name) => {
    const bytes = read(name);
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
  };
  /** Chunks a module imports: `static` ones load with it, `dynamic` ones on demand. */
  const importsOf = (name) => {
    const code = read(name).toString();
    const dir = name.slice(0, name.lastIndexOf('/') + 1);
    const names = (re) => [...code.matchAll(re)].map((m) => dir + m[1].replace(/^\.\//, ''));
    return {
      static: names(/(?:\bfrom|\bimport)\s*["'](\.\/[\w.-]+\.js)["']/g),
      dynamic: names(/\bimport\(\s*["'](\.\/[\w.-]+\.js)["']\s*\)/g),
    };
  };
  /** `roots` and everything they import statically, transitively. */
  const closure = (roots, skip = new Set()) => {
    const seen = new Set();
    const visit = (name) => {
      if (seen.has(name) || skip.has(name)) return;
      seen.add(name);
      importsOf(name).static.forEach(visit);
    };
    roots.forEach(visit);
    return seen;
  };
  const group = (names) => {
    const files = [...names].map(measure);
    const total = files.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
    return { files, total };
  };

  // widget.js names the core it loads (a hashed file under widget/).
  const core = /["']widget\/([\w.-]+\.js)["']/.exec(read('widget.js').toString())?.[1];
  if (!core) throw new Error('widget.js names no core module: is this build from before the split?');
  const pageLoad = closure(['widget.js', `widget/${core}`]);
  const onOpen = closure([...pageLoad].flatMap((name) => importsOf(name).dynamic), pageLoad);
  const unused = readdirSync(new URL('widget/', dist)).map((f) => `widget/${f}`).filter((f) => !pageLoad.has(f) && !onOpen.has(f));
  return { pageLoad: group(pageLoad), onOpen: group(onOpen), unused, budget: BUDGET_GZIP };
}

function main() {
  let sizes;
  try {
    sizes = widgetSizes();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const kb = (n) => `${(n / 1000).toFixed(2)} kB`.padStart(9);
  const report = (title, { files, total }) => {
    console.log(title);
    for (const r of [...files, { name: 'total', ...total }])
      console.log(`  ${r.name.padEnd(30)} raw ${kb(r.raw)}  gzip ${kb(r.gzip)} (${r.gzip} B)  brotli ${kb(r.brotli)} (${r.brotli} B)`);
  };
  const page = sizes.pageLoad.total;
  report('(a) page load: what every shop page fetches before any click (gzip level 9, brotli quality 11)', sizes.pageLoad);
  console.log(`  budget ${BUDGET_GZIP} B gzip, ${BUDGET_GZIP - page.gzip} B left`);
  report('(b) opening the chat adds', sizes.onOpen);
  if (sizes.unused.length) console.log(`not reached from widget.js: ${sizes.unused.join(', ')}`);

  if (page.gzip > BUDGET_GZIP) {
    console.error(`Over budget: page-load gzip ${page.gzip} B > ${BUDGET_GZIP} B.`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
