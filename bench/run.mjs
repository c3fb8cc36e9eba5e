#!/usr/bin/env node
// All benchmarks (`npm run bench`, after `npm run build`). Prints Markdown tables for
// docs/benchmarks.md. Each measurement is repeated and reported as a median, with the machine.
// BENCH_PARTS=cli,reports,attest,server selects parts (default: all). BENCH_DATABASE_URL=postgresql://…
// also measures the server on PostgreSQL (seeded on first use).
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

const PARTS = new Set((process.env.BENCH_PARTS ?? 'cli,reports,attest,server').split(','));
const missed = [];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);

if (PARTS.has('cli')) cliAndEngine();
if (PARTS.has('reports')) reports();
if (PARTS.has('attest')) attestVerify();
if (PARTS.has('server')) server();
console.log(missed.length ? `\nMISSED: ${missed.join('; ')}` : '\nAll targets met.');
process.exitCode = missed.length ? 1 : 0;

function cliAndEngine() {
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

  console.log(`\n## CLI start-up and engine\n\nRuns: ${RUNS} per command (median), example ${example}\n`);
  console.log('| measurement | result | ratio / rate | target |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  if (median(report) / base >= 4) missed.push('report start-up ≥ 4× node -e 0');
  if (e.evaluateMs >= 1000) missed.push('engine ≥ 1 s');
  if (e.peakRssMb >= 300) missed.push('engine peak RSS ≥ 300 MB');
}

/** Runs a benchmark script that prints JSON; its stderr goes to ours. */
function jsonOf(script, args = []) {
  const r = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`${script} exited ${r.status} without JSON results: ${r.stdout.slice(0, 500)}`);
  }
}

function reports() {
  const r = jsonOf('bench/report-render.mjs', ['--json']);
  const o = jsonOf('bench/oscal-render.mjs');
  console.log(`\n## Reports (one process, after start-up and warm-up; ${r.runs} runs, median)\n`);
  console.log('| format | median | fastest | first render (cold) | size | target |');
  console.log('|---|---|---|---|---|---|');
  for (const row of r.rows) {
    console.log(
      `| ${row.format} | ${row.medianMs.toFixed(0)} ms | ${row.minMs.toFixed(0)} ms | ${row.coldMs.toFixed(0)} ms | ${(row.bytes / 1024).toFixed(0)} KiB | < ${row.targetMs} ms |`,
    );
    if (!row.met) missed.push(`${row.format} ${row.medianMs.toFixed(0)} ms ≥ ${row.targetMs} ms`);
  }
  console.log(
    `| OSCAL assessment-results | ${o.medianMs.toFixed(0)} ms | ${o.minMs.toFixed(0)} ms | — | ${(o.outputBytes / 1024).toFixed(0)} KiB | < ${o.targetMs} ms |`,
  );
  if (!o.met) missed.push(`OSCAL ${o.medianMs.toFixed(0)} ms ≥ ${o.targetMs} ms`);
}

function attestVerify() {
  const a = jsonOf('bench/attest-verify.mjs', ['--json']);
  console.log(
    `\n## Attest and verify (${a.evidenceMb} MB of evidence, whole processes, ${a.runs} runs, median)\n`,
  );
  console.log('| command | time | evidence MB/s | vs sha256sum |');
  console.log('|---|---|---|---|');
  const base = a.sha256sum.ms;
  for (const [label, k] of [
    ['`sha256sum` of the same files', 'sha256sum'],
    ['`iotassure attest`', 'attest'],
    ['`iotassure verify --key`', 'verify'],
    ['`iotassure verify --key --extract`', 'extract'],
  ]) {
    console.log(
      `| ${label} | ${a[k].ms.toFixed(0)} ms | ${a[k].mbPerSecond.toFixed(0)} | ${(a[k].ms / base).toFixed(2)}× |`,
    );
  }
}

function server() {
  const runs = [[]];
  if (process.env.BENCH_DATABASE_URL) runs.push(['--database-url', process.env.BENCH_DATABASE_URL]);
  for (const args of runs) {
    console.log(`\n## Team server (${args.length ? 'PostgreSQL' : 'SQLite'})\n`);
    const r = spawnSync(process.execPath, ['bench/server-endpoints.mjs', ...args], { stdio: 'inherit' });
    if (r.status !== 0) missed.push(`server on ${args.length ? 'PostgreSQL' : 'SQLite'} (see its table)`);
  }
}
