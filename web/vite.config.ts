/**
 * The web app's build: React 19 through Vite into dist/web, which `iotassure serve` serves with a
 * fallback to index.html. `npm run build` runs it after the CLI build. In development,
 * `npx vite --config web/vite.config.ts` proxies /api to a server started with `iotassure serve`.
 */
import { builtinModules } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = new URL('.', import.meta.url).pathname;
const NODE_BUILTINS = new Set(builtinModules);

/**
 * The app shares modules with the server (the API's types, the core's pure functions, the
 * labels); a shared module that reaches for a Node built-in must fail the build here rather
 * than fail in the browser. (web/tsconfig.json has Node's types for the tests, so the
 * typecheck alone would not catch it.)
 */
function noNodeBuiltins(): Plugin {
  return {
    name: 'iotassure-no-node-builtins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('node:') || NODE_BUILTINS.has(source)) {
        this.error(
          `${importer ?? 'the app'} imports the Node built-in "${source}", which does not exist in a browser`,
        );
      }
      return null;
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [noNodeBuiltins(), react()],
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
