#!/usr/bin/env node
// Benchmarks for issue 2 (`npm run bench`, after `npm run build`). Prints a Markdown table for
// docs/benchmarks.md. Each measurement is repeated and reported as a median, with the machine.
//
//   1. CLI start-up: `iotassure report` on an example, as a whole process, against `node -e 0`
//      measured in the same run (target: under 4x).
//   2. Engine throughput: 10,000 assessments of the full catalog evaluated in one process
//      (target: under 1 s, peak memory under 300 MB) — run in a child process so that its peak
//      RSS is its own.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const example = process.env.BENCH_EXAMPLE ?? 'examples/wifi-camera/assessment.yaml';

function timeProcess(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// Warm the OS file cache, then alternate the two commands so drift affects both alike.
timeProcess(['-e', '0']);
timeProcess(['bin/iotassure.js', 'report', example, '--format', 'text']);
const baseline = [];
const report = [];
const reportJson = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(timeProcess(['-e', '0']));
  report.push(timeProcess(['bin/iotassure.js', 'report', example, '--format', 'text']));
  reportJson.push(timeProcess(['bin/iotassure.js', 'report', example, '--format', 'json']));
}
const base = median(baseline);
const rows = [
  ['`node -e 0` (baseline)', `${base.toFixed(0)} ms`, '1.0×', ''],
  [
    '`iotassure report` (text)',
    `${median(report).toFixed(0)} ms`,
    `${(median(report) / base).toFixed(2)}×`,
    '< 4×',
  ],
  [
    '`iotassure report --format json`',
    `${median(reportJson).toFixed(0)} ms`,
    `${(median(reportJson) / base).toFixed(2)}×`,
    '< 4×',
  ],
];

const engine = spawnSync(process.execPath, ['bench/engine-throughput.mjs'], { encoding: 'utf8' });
if (engine.status !== 0) throw new Error(`engine benchmark failed: ${engine.stderr}`);
const e = JSON.parse(engine.stdout);
rows.push([
  `engine: evaluate ${e.assessments.toLocaleString('en')} assessments × ${e.requirements} requirements`,
  `${e.evaluateMs.toFixed(0)} ms`,
  `${Math.round(e.assessments / (e.evaluateMs / 1000)).toLocaleString('en')}/s`,
  '< 1,000 ms',
]);
rows.push(['engine: peak RSS of that process', `${e.peakRssMb.toFixed(0)} MB`, '', '< 300 MB']);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`Runs: ${RUNS} per command (median), example ${example}\n`);
console.log('| measurement | result | ratio / rate | target |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const failures = [];
if (median(report) / base >= 4) failures.push('report start-up ≥ 4× node -e 0');
if (e.evaluateMs >= 1000) failures.push('engine ≥ 1 s');
if (e.peakRssMb >= 300) failures.push('engine peak RSS ≥ 300 MB');
console.log(failures.length ? `\nMISSED: ${failures.join('; ')}` : '\nAll targets met.');
