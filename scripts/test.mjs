#!/usr/bin/env node
// The one test command (npm test): type-check, lint, build, then every test. It ends with the plain
// line "N passed, N failed" that CI reads. Steps that are not test files (tsc, lint, build, data
// freshness) count as one test each, so a failure in them is never silent.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  process.stdout.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status === 0) passed += 1;
  else {
    failed += 1;
    process.stdout.write(`!! ${name} failed (exit ${r.status ?? r.signal})\n`);
  }
  return r.status === 0;
}

step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint', 'npx', ['biome', 'check', '.']);
step('build', 'npm', ['run', '--silent', 'build']);
step('generated schemas are current', 'npx', ['tsx', 'scripts/generate-schemas.ts', '--check']);

mkdirSync('test-output', { recursive: true });
const report = join('test-output', 'vitest.json');
rmSync(report, { force: true });
process.stdout.write('\n== tests: vitest run\n');
spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  stdio: 'inherit',
  env,
});
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  // Skipped: tests that need files outside the repository (the seed document) when they are absent.
  skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  failed += results.numFailedTests + (results.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(results);
  if (results.numTotalTests === 0) {
    failed += 1;
    process.stdout.write('!! vitest ran no tests\n');
  }
} catch (error) {
  failed += 1;
  process.stdout.write(`!! could not read vitest results: ${error.message}\n`);
}

function countSuitesWithFailedTests(results) {
  // A suite that fails to load has no failed tests of its own; count it once. Suites whose tests
  // failed are already counted through their tests.
  return (results.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}

process.stdout.write(
  '\n(The counts include the typecheck, lint, build and generated-schema steps, one test each;' +
    ' skipped tests need the seed document, which is not in the repository.)',
);
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed === 0 ? 0 : 1;
