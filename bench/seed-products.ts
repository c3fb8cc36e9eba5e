/**
 * Fills an empty database with products of realistic, seeded-random state for the team server's
 * benchmarks (docs/storage.md): a full profile each, a record for every requirement the profile
 * does not rule out (mixed statuses, justifications, assessors, dates; some links, notes and
 * files), a guideline-10 attestation for most, and a few later edits each, so every product has a
 * history. Products are created through the workspace's own use cases — the path an assessment
 * file import takes, then ordinary record writes — so the rows (cached evaluation and audit
 * events included) are exactly those the server would write.
 *
 *   node --import tsx bench/seed-products.ts --data-dir DIR [--database-url URL] [--count 10000] [--seed 1] [--edits 3] [--parallel N]
 *
 * The same seed gives the same products (each product's state and edits are drawn in order before
 * any is written). On SQLite the seed's own connection writes with synchronous=NORMAL (a crash loses
 * only the last writes, which a benchmark seed can redo); the rows are the same. On PostgreSQL
 * products are written --parallel at a time (default 6), as several people would.
 */
import { parseArgs } from 'node:util';
import { contextLoader } from '../src/catalog-files/context-loader.js';
import { resolveProfile } from '../src/core/applicability/resolve-profile.js';
import type {
  Assessment,
  Evidence,
  RequirementRecord,
  Status,
} from '../src/core/assessment/assessment-types.js';
import { STAKEHOLDERS, type Stakeholder } from '../src/core/catalog/catalog-types.js';
import type { Actor } from '../src/workspace/actor.js';
import { createProductFromAssessment } from '../src/workspace/assessment-import.js';
import { type PreparedBlob, prepareBlob } from '../src/workspace/blobs.js';
import { evidenceFilePath } from '../src/workspace/evidence-paths.js';
import { openWorkspace } from '../src/workspace/open-workspace.js';
import { setRequirementRecord } from '../src/workspace/records.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    edits: { type: 'string', default: '3' },
    parallel: { type: 'string' },
  },
});
const dataDir = args['data-dir'];
if (!dataDir && !args['database-url']) {
  process.stderr.write(
    'usage: node --import tsx bench/seed-products.ts --data-dir DIR [--database-url URL] [--count N]\n',
  );
  process.exit(2);
}
const count = Number(args.count);
const edits = Number(args.edits);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(edits) || edits < 0) {
  process.stderr.write('--count must be a whole number from 1, --edits from 0\n');
  process.exit(2);
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(args.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const chance = (p: number) => random() < p;

const MAKERS = [
  'Acme Devices Ltd',
  'Brightlane Home',
  'Corvid Labs',
  'Dunmore Electronics',
  'Elmstead Systems',
  'Fenwick & Hale',
  'Greyfriars IoT',
  'Harbourside Tech',
];
const KINDS = [
  'Indoor Camera',
  'Outdoor Camera',
  'Smart Plug',
  'Door Lock',
  'Thermostat',
  'Baby Monitor',
  'Smoke Alarm',
  'Fitness Band',
  'Smart Speaker',
  'Light Bulb',
  'Hub',
  'Doorbell',
];
const ASSESSORS = [
  'Priya Natarajan',
  'Tom Becker',
  'Aisha Okafor',
  'Lars Jensen',
  'María García',
  'Wei Zhang',
  'Sam Taylor',
];
const JUSTIFICATIONS: Record<Exclude<Status, 'not-assessed'>, readonly string[]> = {
  compliant: [
    'Verified in the release test plan; see the linked report.',
    'Reviewed the configuration on a production unit; behaves as required.',
    'Covered by the supplier attestation and spot-checked by the assessor.',
    'Penetration test found no deviation from the requirement.',
  ],
  'partially-compliant': [
    'Implemented in the device, not yet in the companion app; fix planned for the next release.',
    'Policy exists but has not been reviewed this year.',
    'Works for new installs; units upgraded from older firmware keep the old behaviour.',
  ],
  'non-compliant': [
    'Not implemented; tracked as a release blocker.',
    'The current firmware still accepts the deprecated configuration.',
    'No process in place yet; owner assigned.',
  ],
  'not-applicable': [
    'The product has no such interface in any configuration sold.',
    'Handled entirely by the platform provider under contract; out of scope for this product.',
  ],
};
const STATUS_WEIGHTS: readonly [Status, number][] = [
  ['compliant', 0.58],
  ['partially-compliant', 0.14],
  ['non-compliant', 0.1],
  ['not-assessed', 0.14],
  ['not-applicable', 0.04],
];

function weightedStatus(): Status {
  let r = random();
  for (const [status, w] of STATUS_WEIGHTS) {
    if (r < w) return status;
    r -= w;
  }
  return 'compliant';
}

function isoDate(): string {
  const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 700) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

const loader = contextLoader();
const ctx = loader.contextFor(undefined);
const ws = await openWorkspace({
  dataDir: dataDir ?? '',
  databaseUrl: args['database-url'],
  ctx,
  tool: { name: 'iotassure', version: 'seed' },
});
if (ws.handle.dialect === 'sqlite') ws.handle.sqlite.pragma('synchronous = NORMAL');
const existing = await ws.db.selectFrom('products').select('id').limit(1).execute();
if (existing.length > 0) {
  process.stderr.write(`${ws.handle.location} already has products; seed an empty database\n`);
  await ws.handle.close();
  process.exit(1);
}

/** A few evidence files shared across the portfolio, as real test reports are reused across a product line. */
const FILES: PreparedBlob[] = [];
for (let i = 0; i < 12; i++) {
  const text = `Test report ${i + 1}\n${'Result: pass. Tool output follows.\n'.repeat(20 + i * 5)}`;
  FILES.push(await prepareBlob(new TextEncoder().encode(text), `report-${i + 1}.txt`));
}

function evidenceFor(status: Status, id: string): { evidence: Evidence[]; files: PreparedBlob[] } {
  const evidence: Evidence[] = [];
  const files: PreparedBlob[] = [];
  if (status === 'not-assessed') return { evidence, files };
  if (chance(0.3))
    evidence.push({
      kind: 'url',
      url: `https://docs.example/security/${id.replaceAll('/', '-')}`,
      title: chance(0.5) ? 'Design note' : null,
    });
  if (chance(0.2))
    evidence.push({ kind: 'note', text: `Checked on unit SN ${1000 + Math.floor(random() * 9000)}.` });
  if (chance(0.08)) {
    const file = pick(FILES);
    files.push(file);
    evidence.push({
      kind: 'file',
      path: evidenceFilePath(file.sha256, `report-${FILES.indexOf(file) + 1}.txt`),
      sha256: file.sha256,
      title: 'Test report',
    });
  }
  return { evidence, files };
}

function productAssessment(n: number): { assessment: Assessment; files: Map<string, PreparedBlob> } {
  const answers = new Map<string, boolean>();
  for (const fact of ctx.facts.facts) answers.set(fact.id, chance(0.55));
  // Answer gated questions false when their gate is false, as `init` would not ask them.
  const resolved = resolveProfile(ctx.facts, answers);
  for (const [id, r] of resolved.facts) if (r.origin === 'gated') answers.set(id, false);
  if (chance(0.05)) answers.delete(pick(ctx.facts.facts).id); // a few products with an open question
  const profile = resolveProfile(ctx.facts, answers);
  const requirements = new Map<string, RequirementRecord>();
  const files = new Map<string, PreparedBlob>();
  const assessor = pick(ASSESSORS);
  for (const row of ctx.sourceRows) {
    const applicability = ctx.applicabilityOf(row.rule, profile);
    if (applicability.kind === 'not-applicable') continue; // the profile decides it: nothing to record
    const status = weightedStatus();
    const justification =
      status === 'not-assessed' || (status === 'compliant' && chance(0.5))
        ? null
        : pick(JUSTIFICATIONS[status]);
    const { evidence, files: used } = evidenceFor(status, row.item.id);
    for (const f of used) files.set(f.sha256, f);
    requirements.set(row.item.id, {
      status,
      justification,
      evidence,
      profileOverride: false,
      assessor: status === 'not-assessed' ? null : chance(0.8) ? assessor : pick(ASSESSORS),
      date: status === 'not-assessed' ? null : isoDate(),
    });
  }
  const attestations = new Map<string, RequirementRecord>();
  for (const t of ctx.target.items) {
    if ((ctx.sourcesOf.get(t.id)?.length ?? 0) > 0 || !chance(0.7)) continue;
    const status = pick(['compliant', 'compliant', 'partially-compliant', 'non-compliant'] as const);
    attestations.set(t.id, {
      status,
      justification:
        status === 'compliant'
          ? 'Security events are logged centrally and reviewed weekly.'
          : 'Telemetry is collected; anomaly review is not yet in place.',
      evidence: [],
      profileOverride: false,
      assessor,
      date: isoDate(),
    });
  }
  const roles = STAKEHOLDERS.filter((_, i) => i === 0 || chance(0.4)) as Stakeholder[];
  return {
    assessment: {
      product: {
        name: `${pick(KINDS)} ${String.fromCharCode(65 + (n % 26))}${n}`,
        model: `M-${(n * 7919) % 100000}`,
        version: `${1 + Math.floor(random() * 4)}.${Math.floor(random() * 10)}.${Math.floor(random() * 20)}`,
        manufacturer: pick(MAKERS),
        description: chance(0.6) ? 'Fictional product generated for benchmarks.' : null,
        roles,
      },
      profile: answers,
      requirements,
      attestations,
    },
    files,
  };
}

const seedActor: Actor = { kind: 'system', label: 'benchmark seed' };
const editors: Actor[] = ASSESSORS.map((label, i) => ({ kind: 'user', id: `seed-user-${i}`, label }));

interface Plan {
  readonly assessment: Assessment;
  readonly files: Map<string, PreparedBlob>;
  /** Later edits by people: the history of a product in use. */
  readonly edits: readonly { id: string; editor: Actor; input: Parameters<typeof setRequirementRecord>[5] }[];
}

function plan(n: number): Plan {
  const { assessment, files } = productAssessment(n);
  const ids = [...assessment.requirements.keys()];
  const planned: Plan['edits'][number][] = [];
  for (let e = 0; e < edits && ids.length > 0; e++) {
    const status = pick(['compliant', 'partially-compliant', 'non-compliant'] as const);
    planned.push({
      id: pick(ids),
      editor: pick(editors),
      input: {
        status,
        justification: status === 'compliant' ? null : pick(JUSTIFICATIONS[status]),
        assessor: pick(ASSESSORS),
        date: isoDate(),
      },
    });
  }
  return { assessment, files, edits: planned };
}

async function write(p: Plan): Promise<void> {
  const product = await createProductFromAssessment(ws, seedActor, p.assessment, { uploads: p.files });
  for (const edit of p.edits) {
    const current = await ws.db
      .selectFrom('assessment_records')
      .select('revision')
      .where('product_id', '=', product.id)
      .where('scope', '=', 'requirement')
      .where('item_id', '=', edit.id)
      .executeTakeFirstOrThrow();
    await setRequirementRecord(ws, edit.editor, product.id, edit.id, current.revision, edit.input);
  }
}

const parallel = Number(args.parallel ?? (ws.handle.dialect === 'postgres' ? 6 : 1));
const started = performance.now();
let records = 0;
let lastReport = started;
let done = 0;
for (let n = 1; n <= count; n += parallel) {
  const batch: Plan[] = [];
  for (let k = n; k < n + parallel && k <= count; k++) batch.push(plan(k));
  for (const p of batch) records += p.assessment.requirements.size + p.assessment.attestations.size;
  await Promise.all(batch.map(write));
  done += batch.length;
  const now = performance.now();
  if (now - lastReport > 10_000 || done === count) {
    lastReport = now;
    process.stderr.write(`${done}/${count} products, ${((now - started) / 1000).toFixed(0)} s\n`);
  }
}
const seconds = (performance.now() - started) / 1000;
const audit = await ws.db
  .selectFrom('audit_events')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
process.stdout.write(
  `${JSON.stringify({
    database: ws.handle.location,
    products: count,
    records,
    auditEvents: Number(audit.n),
    edits: count * edits,
    parallel,
    seconds: Math.round(seconds),
    productsPerSecond: Math.round(count / seconds),
  })}\n`,
);
await ws.handle.close();
