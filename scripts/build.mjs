#!/usr/bin/env node
// Build after `tsc` (npm run build):
//  1. validate the bundled catalog fully and write dist/catalog-snapshot.json, the start-up cache
//     keyed by the data files' SHA-256 (src/catalog-files/catalog-snapshot.ts);
//  2. bundle the CLI into one CommonJS file, dist/bundle/iotassure.cjs, so start-up does not
//     resolve and read hundreds of module files;
//  3. run a typical command through bin/iotassure.js to write V8's code cache for that bundle.
// dist/cli/main.js (plain tsc output) stays a working entry point for debugging.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
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

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/iotassure.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // exceljs (CommonJS, 2.5 MB) is needed only for --format xlsx and import-xlsx: loaded from
  // node_modules when used, so every other command does not read and parse it at start-up.
  external: [
    'exceljs',
    // The team server (`iotassure serve`) and its database drivers: loaded only by that command.
    'fastify',
    'fastify-type-provider-zod',
    '@fastify/*',
    'kysely',
    'better-sqlite3',
    'pg',
    '@zxcvbn-ts/*',
    // pdfkit (with fontkit, 2 MB) is needed only for --format pdf: imported when a PDF is rendered.
    'pdfkit',
  ],
  // The ESM sources use import.meta.url (to find the package folder); give CommonJS an equivalent.
  define: { 'import.meta.url': '__iotassureModuleUrl' },
  banner: { js: "const __iotassureModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
chmodSync('dist/cli/main.js', 0o755);

const cache = 'dist/bundle/iotassure.cjs.cache';
const run = spawnSync(
  process.execPath,
  ['bin/iotassure.js', 'report', 'examples/wifi-camera/assessment.yaml', '--format', 'text'],
  {
    env: { ...process.env, IOTASSURE_WRITE_CODE_CACHE: cache, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  },
);
if (run.status !== 0) {
  console.error(`build: the code-cache run failed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
