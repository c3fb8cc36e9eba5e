/**
 * The web app's build: React 19 through Vite into dist/web, which `iotassure serve` serves with a
 * fallback to index.html. `npm run build` runs it after the CLI build. In development,
 * `npx vite --config web/vite.config.ts` proxies /api to a server started with `iotassure serve`.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: new URL('../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    // The server's Content-Security-Policy allows scripts and styles from 'self' only: no inline
    // module preload polyfill, no inlined assets as data: URLs in scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': process.env.IOTASSURE_API ?? 'http://127.0.0.1:8080' },
  },
});
