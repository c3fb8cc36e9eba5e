#!/usr/bin/env node
// The iotassure command. It runs the bundled CLI (dist/bundle/iotassure.cjs, built by `npm run build`)
// through V8's code cache (dist/bundle/iotassure.cjs.cache, written at build time by running a
// typical command), so that start-up skips most JavaScript compilation — see docs/benchmarks.md.
// If the cache is missing or was made by another Node version, V8 rejects it and compiles as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/iotassure.cjs', import.meta.url));
const cacheFile = `${bundle}.cache`;
let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`iotassure: ${bundle} is missing; run \`npm run build\` (npm ci does it too)\n`);
  process.exit(70);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {}
// The bundle starts with the entry file's #! line, which is not JavaScript inside a function wrapper.
const script = new Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: bundle, cachedData });
// Build time only: record the functions a typical run compiled.
const writeCacheTo = process.env.IOTASSURE_WRITE_CODE_CACHE;
if (writeCacheTo) process.on('exit', () => writeFileSync(writeCacheTo, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, fileURLToPath(new URL('../dist/bundle/', import.meta.url)));
