import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The server serves dist/ at /console/; in dev, vite proxies the API and the socket to a local server.
const backend = process.env.CAUSETTE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/console/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
