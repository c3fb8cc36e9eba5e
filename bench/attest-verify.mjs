#!/usr/bin/env node
// Benchmark for issue 4: attest and verify of a bundle with 100 MB of evidence, next to sha256sum
// on the same files (after `npm run build`). The wifi-camera example is copied to a temporary
// folder, 10 files of 10 MB of random bytes are added to one of its requirements with their
// SHA-256, and then, each timed as a whole process and repeated (median):
//   sha256sum       every file the bundle holds (the evidence, the assessment) — the speed limit
//   attest          validates (hashing all evidence), renders, then streams everything into the tar, hashing again
//   verify --key    one streaming pass: layout checks, signature, SHA-256 of every member
//   verify --extract  two verifying passes, the second writing the files
// MB/s is evidence megabytes (10^6 bytes) per second of wall time. `--json` prints the numbers as JSON.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 10;
const FILE_BYTES = 10 * 1000 * 1000;
const BIN = resolve('bin/iotassure.js');
const json = process.argv.includes('--json');

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-bench-attest-'));
try {
  const folder = join(tmp, 'cam');
  cpSync('examples/wifi-camera', folder, { recursive: true });
  mkdirSync(join(folder, 'evidence', 'bench'));
  const added = [];
  for (let i = 0; i < FILES; i++) {
    const bytes = randomBytes(FILE_BYTES);
    const file = `evidence/bench/capture-${i}.bin`;
    writeFileSync(join(folder, file), bytes);
    added.push({ file, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  // Add the files to the first requirement that has evidence, keeping the rest of the file as is.
  const assessment = join(folder, 'assessment.yaml');
  const doc = parseDocument(readFileSync(assessment, 'utf8'));
  const requirements = doc.get('requirements');
  const first = requirements.items.find((pair) => pair.value.get('evidence'));
  for (const e of added) first.value.get('evidence').add(doc.createNode(e));
  writeFileSync(assessment, doc.toString());

  const run = (command, args, options = {}) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', ...options });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  run(process.execPath, [BIN, 'keys', 'generate', '-o', join(tmp, 'vendor')]);
  const evidenceFiles = [
    assessment,
    ...readdirSync(join(folder, 'evidence'), { recursive: true })
      .map((f) => join(folder, 'evidence', f))
      .filter((f) => f.endsWith('.bin') || f.match(/\.(txt|md|json)$/)),
  ];
  const bundle = join(tmp, 'cam.tar');
  const attestArgs = [BIN, 'attest', assessment, '--key', join(tmp, 'vendor.key'), '-o', bundle, '--force'];
  const verifyArgs = [BIN, 'verify', bundle, '--key', join(tmp, 'vendor.pub')];

  // Warm the page cache and check that everything works before timing.
  run('sha256sum', evidenceFiles);
  run(process.execPath, attestArgs);
  run(process.execPath, verifyArgs);
  const times = { sha256sum: [], attest: [], verify: [], extract: [] };
  for (let i = 0; i < RUNS; i++) {
    times.sha256sum.push(run('sha256sum', evidenceFiles));
    times.attest.push(run(process.execPath, attestArgs));
    times.verify.push(run(process.execPath, verifyArgs));
    const out = join(tmp, `out-${i}`);
    times.extract.push(run(process.execPath, [...verifyArgs, '--extract', out]));
    rmSync(out, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mb = (FILES * FILE_BYTES) / 1e6;
  const result = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, { ms: median(v), mbPerSecond: mb / (median(v) / 1000) }]),
  );
  if (json) {
    console.log(JSON.stringify({ evidenceMb: mb, runs: RUNS, ...result }));
  } else {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    console.log(
      `Runs: ${RUNS} (median); ${FILES} × ${FILE_BYTES / 1e6} MB of random evidence in the wifi-camera example\n`,
    );
    console.log('| command | time | evidence MB/s | vs sha256sum |');
    console.log('|---|---|---|---|');
    const base = result.sha256sum.ms;
    const rows = [
      ['`sha256sum` of the same files', result.sha256sum],
      ['`iotassure attest` (validate: hash; then tar: read, hash, write)', result.attest],
      ['`iotassure verify --key` (one pass: hash)', result.verify],
      ['`iotassure verify --key --extract` (two passes, the second writing)', result.extract],
    ];
    for (const [label, r] of rows)
      console.log(
        `| ${label} | ${r.ms.toFixed(0)} ms | ${r.mbPerSecond.toFixed(0)} | ${(r.ms / base).toFixed(2)}× |`,
      );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
