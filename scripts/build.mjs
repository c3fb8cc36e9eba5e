#!/usr/bin/env node
// Build after `tsc`: (1) validate the bundled catalog fully and write dist/catalog-snapshot.json,
// the start-up cache keyed by the data files' SHA-256 (src/catalog-files/catalog-snapshot.ts);
// (2) bundle the CLI into dist/bundle/ with esbuild, so start-up does not resolve and read hundreds
// of module files. dist/cli/main.js (tsc output) stays a working entry point too.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';
import { writeSnapshot } from '../dist/catalog-files/catalog-snapshot.js';
import {
  BUNDLED_DATA_DIR,
  BUNDLED_SNAPSHOT,
  loadAndValidateCatalog,
} from '../dist/catalog-files/load-catalog.js';
import { DiagnosticError } from '../dist/diagnostics/diagnostic.js';

try {
  writeSnapshot(BUNDLED_SNAPSHOT, BUNDLED_DATA_DIR, loadAndValidateCatalog(BUNDLED_DATA_DIR));
} catch (error) {
  if (error instanceof DiagnosticError) {
    console.error(`build: the catalog data is invalid:\n${error.message}`);
    process.exit(1);
  }
  throw error;
}

await build({
  entryPoints: { iotassure: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  logLevel: 'warning',
  // CommonJS dependencies (commander) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
chmodSync('dist/bundle/iotassure.js', 0o755);
chmodSync('dist/cli/main.js', 0o755);
