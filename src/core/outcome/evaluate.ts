/**
 * The engine: from a catalog context and an assessment, the effective status of every requirement,
 * an outcome per guideline with the requirements that decide it, a summary and a ranked gap list.
 * Pure and synchronous; docs/outcome-rules.md states the same rules in prose.
 */
import { type ResolvedProfile, resolveProfile } from '../applicability/resolve-profile.js';
import type { AssessmentContext, SourceRow } from '../assessment/assessment-context.js';
import type { Assessment, RequirementRecord } from '../assessment/assessment-types.js';
import type {
  EffectiveStatus,
  Evaluation,
  Gap,
  GuidelineResult,
  Outcome,
  RequirementResult,
  Summary,
} from './outcome-types.js';

// Literal factories rather than Object.fromEntries: the engine makes these 14 times per assessment.
function emptyStatusCounts(): Record<EffectiveStatus, number> {
  return {
    compliant: 0,
    'partially-compliant': 0,
    'non-compliant': 0,
    'not-assessed': 0,
    'applicability-unknown': 0,
    'not-applicable': 0,
  };
}

function emptyOutcomeCounts(): Record<Outcome, number> {
  return {
    met: 0,
    'partially-met': 0,
    'not-met': 0,
    incomplete: 0,
    'not-applicable': 0,
    'needs-attestation': 0,
  };
}

/** One requirement's effective status: the table in docs/outcome-rules.md, section 2. */
function evaluateRow(
  ctx: AssessmentContext,
  row: SourceRow,
  record: RequirementRecord | null,
  profile: ResolvedProfile,
): RequirementResult {
  const applicability = ctx.applicabilityOf(row.rule, profile);
  let effective: EffectiveStatus;
  let notApplicableBy: RequirementResult['notApplicableBy'] = null;
  const recorded = record && record.status !== 'not-assessed' ? record.status : null;
  // The profile decides applicability. A recorded status that disagrees with it counts only when
  // the assessor marks it as a deliberate override: otherwise a stale entry (say, a not-applicable
  // written when the product had no WPS) would silently keep a guideline "met" after the profile
  // changed. Validation warns about every unmarked disagreement.
  const contradictsProfile =
    recorded !== null &&
    (recorded === 'not-applicable'
      ? applicability.kind === 'applies'
      : applicability.kind === 'not-applicable');
  const recordedCounts = recorded !== null && (!contradictsProfile || record?.profileOverride === true);
  if (recordedCounts) {
    effective = recorded;
    if (recorded === 'not-applicable')
      notApplicableBy = applicability.kind === 'not-applicable' ? 'profile' : 'assessor';
  } else if (applicability.kind === 'not-applicable') {
    effective = 'not-applicable';
    notApplicableBy = 'profile';
  } else {
    effective = applicability.kind === 'unknown' ? 'applicability-unknown' : 'not-assessed';
  }
  const { item, targets } = row;
  return {
    id: item.id,
    item,
    record,
    applicability,
    effective,
    notApplicableBy,
    contradictsProfile,
    targets,
  };
}

const OUTCOME_OF_ATTESTATION: Record<RequirementRecord['status'], Outcome> = {
  compliant: 'met',
  'partially-compliant': 'partially-met',
  'non-compliant': 'not-met',
  'not-applicable': 'not-applicable',
  'not-assessed': 'needs-attestation',
};

/** Ids, not printed numbers, so that two requirements sharing a printed number stay distinguishable. */
function listOf(ids: readonly string[]): string {
  return ids.join(', ');
}

function evaluateGuideline(
  ctx: AssessmentContext,
  targetId: string,
  assessment: Assessment,
  results: readonly RequirementResult[],
): GuidelineResult {
  const item = ctx.targetById.get(targetId);
  if (!item) throw new Error(`unknown target ${targetId}`);
  const requirements = ctx.sourcesOf.get(targetId) ?? [];
  const counts = emptyStatusCounts();
  const unmapped = ctx.unmappedTargets.get(targetId);
  const unmappedNote = unmapped?.note ?? null;
  const attestation = assessment.attestations.get(targetId) ?? null;

  if (requirements.length === 0) {
    const outcome = OUTCOME_OF_ATTESTATION[attestation?.status ?? 'not-assessed'];
    const source = unmapped
      ? `The mapping maps no requirement here ("${unmapped.note}")`
      : 'No requirement maps here';
    const reason =
      outcome === 'needs-attestation'
        ? `${source}; it needs a guideline-level attestation.`
        : `${source}; attested ${attestation?.status.replace('-', ' ')}${attestation?.assessor ? ` by ${attestation.assessor}` : ''}.`;
    return {
      id: targetId,
      item,
      outcome,
      deciding: [],
      requirements,
      counts,
      reason,
      unmappedNote,
      attestation,
    };
  }

  // Two passes: count first, then collect only the ids of the statuses that decide (fewer arrays
  // per assessment — the engine runs this 13 times for each of thousands of products).
  const positions = ctx.sourcePositionsOf.get(targetId) ?? [];
  for (const p of positions) {
    const r = results[p];
    if (r) counts[r.effective] += 1;
  }
  const idsWith = (status: EffectiveStatus): string[] => {
    const ids: string[] = [];
    for (const p of positions) {
      const r = results[p];
      if (r?.effective === status) ids.push(r.id);
    }
    return ids;
  };
  const applicable = requirements.length - counts['not-applicable'];
  let outcome: Outcome;
  let deciding: string[];
  if (applicable === 0) {
    outcome = 'not-applicable';
    deciding = [...requirements];
  } else if (counts['non-compliant'] > 0) {
    outcome = 'not-met';
    deciding = idsWith('non-compliant');
  } else if (counts['not-assessed'] + counts['applicability-unknown'] > 0) {
    outcome = 'incomplete';
    deciding = idsWith('not-assessed').concat(idsWith('applicability-unknown'));
  } else if (counts['partially-compliant'] > 0) {
    outcome = 'partially-met';
    deciding = idsWith('partially-compliant');
  } else {
    outcome = 'met';
    deciding = idsWith('compliant');
  }
  return {
    id: targetId,
    item,
    outcome,
    deciding,
    requirements,
    counts,
    reason: reasonFor(
      outcome,
      deciding,
      counts,
      requirements.length,
      (id) => results[ctx.sourceIndex.get(id) ?? -1]?.effective,
    ),
    unmappedNote,
    attestation,
  };
}

function reasonFor(
  outcome: Outcome,
  deciding: readonly string[],
  counts: Readonly<Record<EffectiveStatus, number>>,
  mapped: number,
  statusOf: (id: string) => EffectiveStatus | undefined,
): string {
  const applicable = mapped - counts['not-applicable'];
  switch (outcome) {
    case 'not-applicable':
      return `None of the ${mapped} mapped requirements applies to this product.`;
    case 'not-met':
      return `${deciding.length} of ${applicable} applicable requirements non-compliant: ${listOf(deciding)}.`;
    case 'incomplete': {
      const notAssessed = deciding.filter((id) => statusOf(id) === 'not-assessed');
      const unknown = deciding.filter((id) => statusOf(id) === 'applicability-unknown');
      const parts = [];
      if (notAssessed.length) parts.push(`${notAssessed.length} not yet assessed (${listOf(notAssessed)})`);
      if (unknown.length) parts.push(`${unknown.length} of unknown applicability (${listOf(unknown)})`);
      // Say what is already known to fall short, so "incomplete" does not read as "nearly met".
      const partial = counts['partially-compliant'];
      return `${parts.join(' and ')}${partial ? `; ${partial} already only partially compliant` : ''}.`;
    }
    case 'partially-met':
      return `${deciding.length} of ${applicable} applicable requirements only partially compliant: ${listOf(deciding)}.`;
    case 'met': {
      const na = counts['not-applicable'];
      return `All ${applicable} applicable requirements compliant${na ? ` (${na} not applicable)` : ''}.`;
    }
    case 'needs-attestation':
      return 'It needs a guideline-level attestation.';
  }
}

/** Upper bound on the guidelines one item can block, for the numeric ranking key (13 in the CoP). */
const MAX_BLOCKS = 999;

/** Gap ranking: most-blocking first, then the most severe status (lower is more severe). */
const GAP_SEVERITY: Readonly<Record<EffectiveStatus, number>> = {
  'non-compliant': 0,
  'partially-compliant': 1,
  'applicability-unknown': 2,
  'not-assessed': 3,
  compliant: -1,
  'not-applicable': -1,
};

export function evaluate(ctx: AssessmentContext, assessment: Assessment): Evaluation {
  const profile = resolveProfile(ctx.facts, assessment.profile);
  const items = ctx.source.items;
  const requirements: RequirementResult[] = new Array(items.length);
  const statusCounts = emptyStatusCounts();
  for (let i = 0; i < items.length; i++) {
    const row = ctx.sourceRows[i] as SourceRow;
    const r = evaluateRow(ctx, row, assessment.requirements.get(row.item.id) ?? null, profile);
    requirements[i] = r;
    statusCounts[r.effective] += 1;
  }
  const guidelines = ctx.target.items.map((t) => evaluateGuideline(ctx, t.id, assessment, requirements));
  const outcomeOf = new Map<string, Outcome>();
  const outcomeCounts = emptyOutcomeCounts();
  for (const g of guidelines) {
    outcomeOf.set(g.id, g.outcome);
    outcomeCounts[g.outcome] += 1;
  }
  const top = ctx.topPriority;

  // Rank with one integer key per gap — fewer guidelines blocked, less severe, not top priority and
  // later in the catalog all make it larger — then sort the keys as numbers (a typed-array sort,
  // no comparator: this runs for every product of a portfolio). The position is the key's low part.
  const byPosition: Gap[] = [];
  const keys: number[] = [];
  const rank = (gap: Gap, position: number) => {
    byPosition[position] = gap;
    keys.push(
      (MAX_BLOCKS - gap.blocks.length) * 1e8 +
        GAP_SEVERITY[gap.effective] * 1e7 +
        (gap.blocksTopPriority ? 0 : 1e6) +
        position,
    );
  };
  for (let index = 0; index < requirements.length; index++) {
    const r = requirements[index] as RequirementResult;
    if (GAP_SEVERITY[r.effective] < 0) continue;
    const blocks = r.targets.filter((t) => outcomeOf.get(t) !== 'met');
    const blocksTopPriority = blocks.some((b) => top.includes(b));
    rank({ kind: 'requirement', id: r.id, effective: r.effective, blocks, blocksTopPriority }, index);
  }
  // A guideline no requirement maps to is blocked by its own attestation being missing or short.
  guidelines.forEach((g, i) => {
    if (g.requirements.length > 0 || g.outcome === 'met' || g.outcome === 'not-applicable') return;
    const effective: EffectiveStatus = g.attestation?.status ?? 'not-assessed';
    const gap: Gap = {
      kind: 'attestation',
      id: g.id,
      effective,
      blocks: [g.id],
      blocksTopPriority: top.includes(g.id),
    };
    rank(gap, requirements.length + i);
  });
  const sorted = Float64Array.from(keys).sort();
  const gaps: Gap[] = new Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) gaps[i] = byPosition[(sorted[i] as number) % 1e6] as Gap;

  const applicableRequirements =
    statusCounts.compliant +
    statusCounts['partially-compliant'] +
    statusCounts['non-compliant'] +
    statusCounts['not-assessed'];
  const summary: Summary = {
    guidelinesTotal: guidelines.length,
    guidelinesMet: outcomeCounts.met,
    outcomeCounts,
    requirementsTotal: requirements.length,
    statusCounts,
    applicableRequirements,
    compliantRequirements: statusCounts.compliant,
    compliantShare: applicableRequirements === 0 ? null : statusCounts.compliant / applicableRequirements,
    topPriority: { guidelines: top, allMet: top.every((id) => outcomeOf.get(id) === 'met') },
  };
  return { profile, requirements, guidelines, summary, gaps };
}
