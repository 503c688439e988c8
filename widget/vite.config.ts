import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/*
 * Two parts, so the bytes a shop page pays before any click stay small:
 *
 * - `widget.js`, a classic script (the shop's `<script async src=…/widget.js data-site=KEY>` is cross-origin and
 *   not type=module): a few hundred bytes that find their own tag and `import()` the core by absolute URL.
 * - `widget/<name>-<hash>.js`, ES modules: the core (launcher, badge, teaser, transport, state, tracking) and,
 *   split off by a dynamic `import()`, the chat panel, fetched on the first open (or hover/focus of the launcher,
 *   or a teaser). Hashed names let the server cache them for a year; only widget.js keeps a short cache.
 *
 * Why ES modules rather than two IIFEs: the panel shares Preact, signals and state with the core, and only
 * module chunks can share one copy of them without a global bridge. Why a bootstrap rather than making
 * widget.js the core: the embed snippet is a classic script, which cannot `import` statically, and the core's
 * file name changes with every build.
 * JSX settings come from tsconfig.json (Vite's esbuild reads `jsx` and `jsxImportSource` there).
 */
const vendor = (name: string) => fileURLToPath(new URL(`src/transport/vendor/${name}.ts`, import.meta.url));
/** Stands in the bootstrap for the core's hashed file name until the bundle is written. */
const CORE = '__CAUSETTE_CORE__';

const bootstrap: Plugin = {
  name: 'causette:bootstrap',
  generateBundle(_options, bundle) {
    const boot = bundle['widget.js'];
    const core = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'core');
    if (boot?.type !== 'chunk' || !core) throw new Error('widget.js or the core entry is missing from the bundle');
    // A static import or export would make widget.js a module, which a classic <script> cannot run.
    if (boot.imports.length || boot.dynamicImports.length || /\bexport\s*\{|^import\s/m.test(boot.code))
      throw new Error('widget.js must stay a classic script: it may not share code with the core');
    if (!boot.code.includes(CORE)) throw new Error('widget.js lost the core file name placeholder');
    boot.code = boot.code.replaceAll(CORE, core.fileName.replace(/^widget\//, ''));
  },
};

export default defineConfig({
  resolve: {
    // Text-only protocol parsers (the contract is JSON): see the files for why.
    alias: {
      'socket.io-parser': vendor('socket-io-parser'),
      'engine.io-parser': vendor('engine-io-parser'),
    },
  },
  define: { 'process.env.NODE_ENV': '"production"', __CAUSETTE_CORE_FILE__: JSON.stringify(CORE) },
  plugins: [
    {
      // WebTransport is only used when asked for (`transports: [..., 'webtransport']`); the widget never asks.
      name: 'causette:no-webtransport',
      transform(_code, id) {
        if (/engine\.io-client\/.*\/transports\/webtransport\.js$/.test(id)) return 'export const WT = undefined;';
      },
    },
    {
      // The widget builds its Manager itself (see transport/handshake.ts); io()'s lookup cache and URL parser stay
      // out only if nothing hangs them on `io` for backward compatibility.
      name: 'causette:no-io-lookup',
      transform(code, id) {
        if (/socket\.io-client\/build\/esm\/index\.js$/.test(id)) return code.replace(/Object\.assign\(lookup, \{[^}]*\}\);/, '');
      },
    },
    {
      // The widget gives the Manager one absolute http(s) origin (new URL(script.src).origin), which the browser's
      // URL parses: engine.io's general URI regex (IPv6, credentials, paths, query keys) is bytes no page needs.
      name: 'causette:url-parseuri',
      transform(_code, id) {
        if (/engine\.io-client\/.*\/contrib\/parseuri\.js$/.test(id))
          return `export function parse(s) { const u = new URL(s, location.href);
            return { host: u.hostname.replace(/^\\[|\\]$/g, ''), protocol: u.protocol.slice(0, -1), port: u.port, query: u.search.slice(1) }; }`;
      },
    },
    bootstrap,
  ],
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    // No <link rel=modulepreload> polyfill or preload wrapper: there is no HTML page, and the chunk graph is two deep.
    modulePreload: false,
    rollupOptions: {
      input: { widget: 'src/loader/bootstrap.ts', core: 'src/loader/index.ts' },
      // The core's `boot` export is what the bootstrap calls; the panel's imports from the core may add more.
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: (chunk) => (chunk.name === 'widget' ? 'widget.js' : 'widget/[name]-[hash].js'),
        chunkFileNames: 'widget/[name]-[hash].js',
      },
    },
  },
});
