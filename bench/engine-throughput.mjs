// Evaluates 10,000 generated assessments of the full catalog in one process and prints JSON.
// Assessments are generated from a fixed seed so every run evaluates the same work: random but
// realistic mixes of statuses and profile answers (some unanswered).
import { contextLoader } from '../dist/catalog-files/context-loader.js';
import { STATUSES } from '../dist/core/assessment/assessment-types.js';
import { evaluate } from '../dist/core/outcome/evaluate.js';

const N = Number(process.env.BENCH_ASSESSMENTS ?? 10_000);
const ctx = contextLoader().contextFor(undefined);

let seed = 20261203;
const random = () => {
  // mulberry32: small, fast, deterministic
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function makeAssessment(i) {
  const profile = new Map();
  for (const f of ctx.facts.facts) {
    const r = random();
    if (r < 0.9) profile.set(f.id, r < 0.5);
  }
  const requirements = new Map();
  for (const item of ctx.source.items) {
    const r = random();
    const status = r < 0.6 ? 'compliant' : STATUSES[Math.floor(random() * STATUSES.length)];
    if (status === 'not-assessed' && random() < 0.5) continue;
    requirements.set(item.id, {
      status,
      justification: status === 'not-applicable' ? 'Example justification' : null,
      evidence: [],
      profileOverride: false,
      assessor: 'bench',
      date: '2026-12-01',
    });
  }
  return {
    product: {
      name: `Product ${i}`,
      model: null,
      version: null,
      manufacturer: null,
      description: null,
      roles: [],
    },
    profile,
    requirements,
    attestations: new Map([
      [
        '10',
        {
          status: 'compliant',
          justification: null,
          evidence: [],
          profileOverride: false,
          assessor: null,
          date: null,
        },
      ],
    ]),
  };
}

const assessments = Array.from({ length: N }, (_, i) => makeAssessment(i));
let met = 0;
const start = process.hrtime.bigint();
for (const a of assessments) met += evaluate(ctx, a).summary.guidelinesMet;
const evaluateMs = Number(process.hrtime.bigint() - start) / 1e6;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    assessments: N,
    requirements: ctx.source.items.length,
    evaluateMs,
    peakRssMb,
    guidelinesMetTotal: met,
  }),
);
