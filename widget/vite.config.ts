import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// One self-contained IIFE, /widget.js: the shop adds a single async script tag, so no chunks, no CSS file.
// JSX settings come from tsconfig.json (Vite's esbuild reads `jsx` and `jsxImportSource` there).
const vendor = (name: string) => fileURLToPath(new URL(`src/transport/vendor/${name}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Text-only protocol parsers (the contract is JSON): see the files for why.
    alias: {
      'socket.io-parser': vendor('socket-io-parser'),
      'engine.io-parser': vendor('engine-io-parser'),
    },
  },
  plugins: [
    {
      // WebTransport is only used when asked for (`transports: [..., 'webtransport']`); the widget never asks.
      name: 'causette:no-webtransport',
      transform(_code, id) {
        if (/engine\.io-client\/.*\/transports\/webtransport\.js$/.test(id)) return 'export const WT = undefined;';
      },
    },
    {
      // The widget builds its Manager itself (see transport/socket.ts); io()'s lookup cache and URL parser stay
      // out only if nothing hangs them on `io` for backward compatibility.
      name: 'causette:no-io-lookup',
      transform(code, id) {
        if (/socket\.io-client\/build\/esm\/index\.js$/.test(id)) return code.replace(/Object\.assign\(lookup, \{[^}]*\}\);/, '');
      },
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    lib: {
      entry: 'src/loader/index.ts',
      formats: ['iife'],
      // Rollup wants a name for IIFE output; the entry exports nothing, so nothing is assigned to it.
      name: 'causetteWidget',
      fileName: () => 'widget.js',
    },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
