#!/usr/bin/env node
// Report rendering speed (issue 4), after `npm run build`: builds the report model of an example
// once, then renders HTML, XLSX and PDF in this one process — a first (cold) render of each, a
// warm-up, then BENCH_RENDER_RUNS timed runs of each, interleaved so that drift affects all alike —
// and prints the medians against the targets as a Markdown table (or JSON with --json).
//
//   node bench/report-render.mjs [--json]
//   BENCH_EXAMPLE=examples/smart-plug/assessment.yaml BENCH_RENDER_RUNS=21 node bench/report-render.mjs
import { cpus } from 'node:os';
import { readAssessmentFile } from '../dist/assessment-file/read-assessment.js';
import { contextLoader } from '../dist/catalog-files/context-loader.js';
import { buildReport } from '../dist/core/report/report-model.js';
import { renderHtml } from '../dist/renderers/html-renderer.js';
import { renderPdf } from '../dist/renderers/pdf-renderer.js';
import { renderXlsx } from '../dist/renderers/xlsx-renderer.js';

const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 11);
const WARMUP = Number(process.env.BENCH_RENDER_WARMUP ?? 2);
const example = process.env.BENCH_EXAMPLE ?? 'examples/wifi-camera/assessment.yaml';

const loader = contextLoader();
const read = readAssessmentFile(example, loader.contextFor, { checkEvidence: true });
if (!read.assessment || !read.evaluation) {
  console.error(`bench: ${example} is not a valid assessment`);
  process.exit(1);
}
const report = buildReport({
  ctx: loader.contextFor(undefined),
  assessment: read.assessment,
  evaluation: read.evaluation,
  generatedAt: '2026-12-01T10:00:00.000Z',
  tool: { name: 'iotassure', version: 'bench' },
  warnings: [],
});

const formats = [
  { name: 'HTML', render: async () => renderHtml(report, { color: false }), target: 50 },
  { name: 'XLSX', render: () => renderXlsx(report, { color: false }), target: 300 },
  { name: 'PDF', render: () => renderPdf(report, { color: false }), target: 1000 },
];

async function time(f) {
  const start = process.hrtime.bigint();
  const out = await f.render();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: out.length };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const results = new Map(formats.map((f) => [f.name, { cold: 0, runs: [], bytes: 0 }]));
for (const f of formats) results.get(f.name).cold = (await time(f)).ms;
for (let i = 0; i < WARMUP; i += 1) for (const f of formats) await time(f);
for (let i = 0; i < RUNS; i += 1) {
  for (const f of formats) {
    const t = await time(f);
    const r = results.get(f.name);
    r.runs.push(t.ms);
    r.bytes = t.bytes;
  }
}

const rows = formats.map((f) => {
  const r = results.get(f.name);
  const m = median(r.runs);
  return {
    format: f.name,
    medianMs: Math.round(m * 10) / 10,
    minMs: Math.round(Math.min(...r.runs) * 10) / 10,
    coldMs: Math.round(r.cold),
    targetMs: f.target,
    met: m < f.target,
    bytes: r.bytes,
  };
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ example, runs: RUNS, rows }, null, 2));
} else {
  console.log(
    `Report rendering, ${example}, ${RUNS} runs after ${WARMUP} warm-up (median; first = first render in the process)`,
  );
  console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}\n`);
  console.log('| Format | Median | Fastest | First | Target | Output |');
  console.log('|---|---:|---:|---:|---|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.format} | ${r.medianMs} ms | ${r.minMs} ms | ${r.coldMs} ms | < ${r.targetMs} ms ${r.met ? '✓' : '✗'} | ${(r.bytes / 1024).toFixed(0)} KiB |`,
    );
  }
}
