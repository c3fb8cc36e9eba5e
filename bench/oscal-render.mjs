// Times rendering an example's report as OSCAL assessment-results JSON (`report --format oscal`)
// inside one process, after start-up and warm-up: the report model is built once, then the OSCAL
// renderer runs N times; prints JSON with the median (target: under 50 ms). Run after `npm run build`.
//
//   node bench/oscal-render.mjs [assessment.yaml]      (BENCH_RENDERS=N, default 51)
import { readAssessmentFile } from '../dist/assessment-file/read-assessment.js';
import { contextLoader } from '../dist/catalog-files/context-loader.js';
import { buildReport } from '../dist/core/report/report-model.js';
import { renderOscal } from '../dist/exporters/oscal/oscal-renderer.js';

const file = process.argv[2] ?? 'examples/wifi-camera/assessment.yaml';
const N = Number(process.env.BENCH_RENDERS ?? 51);
const WARM_UP = 10;

const loader = contextLoader();
const read = readAssessmentFile(file, loader.contextFor, { checkEvidence: true });
if (!read.assessment || !read.evaluation) {
  console.error(`bench: ${file} is not a valid assessment`);
  process.exit(1);
}
const report = buildReport({
  ctx: loader.contextFor(read.raw?.mappingSet),
  assessment: read.assessment,
  evaluation: read.evaluation,
  generatedAt: new Date().toISOString(),
  tool: { name: 'iotassure', version: 'bench' },
});

let bytes = 0;
for (let i = 0; i < WARM_UP; i++) bytes = renderOscal(report, { color: false }).length;
const times = [];
for (let i = 0; i < N; i++) {
  const start = process.hrtime.bigint();
  bytes = renderOscal(report, { color: false }).length;
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  JSON.stringify({
    example: file,
    renders: N,
    medianMs: median,
    minMs: times[0],
    maxMs: times[times.length - 1],
    outputBytes: bytes,
    targetMs: 50,
    met: median < 50,
  }),
);
