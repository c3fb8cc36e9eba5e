/**
 * The engine: from a catalog context and an assessment, the effective status of every requirement,
 * an outcome per guideline with the requirements that decide it, a summary and a ranked gap list.
 * Pure and synchronous; docs/outcome-rules.md states the same rules in prose.
 */
import { deriveApplicability } from '../applicability/applicability.js';
import { resolveProfile } from '../applicability/resolve-profile.js';
import type { AssessmentContext } from '../assessment/assessment-context.js';
import type { Assessment, RequirementRecord } from '../assessment/assessment-types.js';
import {
  EFFECTIVE_STATUSES,
  type EffectiveStatus,
  type Evaluation,
  type Gap,
  type GuidelineResult,
  OUTCOMES,
  type Outcome,
  type RequirementResult,
  type Summary,
} from './outcome-types.js';

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function evaluateRequirement(
  ctx: AssessmentContext,
  id: string,
  record: RequirementRecord | null,
  profile: ReturnType<typeof resolveProfile>,
): RequirementResult {
  const item = ctx.sourceById.get(id);
  if (!item) throw new Error(`unknown requirement ${id}`);
  const applicability = deriveApplicability(ctx.ruleOf.get(id), profile);
  const targets = ctx.targetsOf.get(id) ?? [];
  const base = { id, item, record, applicability, targets };
  // A status recorded by an assessor always wins over what the profile derives: a person has looked.
  // Where the two disagree the result says so, and validation warns.
  if (record && record.status !== 'not-assessed') {
    if (record.status === 'not-applicable') {
      const byProfile = applicability.kind === 'not-applicable';
      return {
        ...base,
        effective: 'not-applicable',
        notApplicableBy: byProfile ? 'profile' : 'assessor',
        contradictsProfile: applicability.kind === 'applies',
      };
    }
    return {
      ...base,
      effective: record.status,
      notApplicableBy: null,
      contradictsProfile: applicability.kind === 'not-applicable',
    };
  }
  const effective: EffectiveStatus =
    applicability.kind === 'not-applicable'
      ? 'not-applicable'
      : applicability.kind === 'unknown'
        ? 'applicability-unknown'
        : 'not-assessed';
  return {
    ...base,
    effective,
    notApplicableBy: effective === 'not-applicable' ? 'profile' : null,
    contradictsProfile: false,
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
  results: ReadonlyMap<string, RequirementResult>,
): GuidelineResult {
  const item = ctx.targetById.get(targetId);
  if (!item) throw new Error(`unknown target ${targetId}`);
  const requirements = ctx.sourcesOf.get(targetId) ?? [];
  const counts = zeroCounts(EFFECTIVE_STATUSES);
  const unmapped = ctx.unmappedTargets.get(targetId) ?? null;
  const attestation = assessment.attestations.get(targetId) ?? null;
  const base = {
    id: targetId,
    item,
    requirements,
    counts,
    unmappedNote: unmapped?.note ?? null,
    attestation,
  };

  if (requirements.length === 0) {
    const outcome = OUTCOME_OF_ATTESTATION[attestation?.status ?? 'not-assessed'];
    const source = unmapped
      ? `The mapping maps no requirement here ("${unmapped.note}")`
      : 'No requirement maps here';
    const reason =
      outcome === 'needs-attestation'
        ? `${source}; it needs a guideline-level attestation.`
        : `${source}; attested ${attestation?.status}${attestation?.assessor ? ` by ${attestation.assessor}` : ''}.`;
    return { ...base, outcome, deciding: [], reason };
  }

  const by: Record<EffectiveStatus, string[]> = {
    compliant: [],
    'partially-compliant': [],
    'non-compliant': [],
    'not-assessed': [],
    'applicability-unknown': [],
    'not-applicable': [],
  };
  for (const id of requirements) {
    const r = results.get(id);
    if (!r) continue;
    by[r.effective].push(id);
    counts[r.effective] += 1;
  }
  const applicable = requirements.length - by['not-applicable'].length;
  const open = [...by['not-assessed'], ...by['applicability-unknown']];
  let outcome: Outcome;
  let deciding: string[];
  let reason: string;
  if (applicable === 0) {
    outcome = 'not-applicable';
    deciding = [...requirements];
    reason = `None of the ${requirements.length} mapped requirements applies to this product.`;
  } else if (by['non-compliant'].length > 0) {
    outcome = 'not-met';
    deciding = by['non-compliant'];
    reason = `${deciding.length} of ${applicable} applicable requirements non-compliant: ${listOf(deciding)}.`;
  } else if (open.length > 0) {
    outcome = 'incomplete';
    deciding = open;
    const parts = [];
    if (by['not-assessed'].length)
      parts.push(`${by['not-assessed'].length} not yet assessed (${listOf(by['not-assessed'])})`);
    if (by['applicability-unknown'].length) {
      parts.push(
        `${by['applicability-unknown'].length} of unknown applicability (${listOf(by['applicability-unknown'])})`,
      );
    }
    reason = `${parts.join(' and ')}.`;
  } else if (by['partially-compliant'].length > 0) {
    outcome = 'partially-met';
    deciding = by['partially-compliant'];
    reason = `${deciding.length} of ${applicable} applicable requirements only partially compliant: ${listOf(deciding)}.`;
  } else {
    outcome = 'met';
    deciding = by.compliant;
    reason = `All ${applicable} applicable requirements compliant${by['not-applicable'].length ? ` (${by['not-applicable'].length} not applicable)` : ''}.`;
  }
  return { ...base, outcome, deciding, reason };
}

const GAP_SEVERITY: Partial<Record<EffectiveStatus, number>> = {
  'non-compliant': 0,
  'partially-compliant': 1,
  'applicability-unknown': 2,
  'not-assessed': 3,
};

export function evaluate(ctx: AssessmentContext, assessment: Assessment): Evaluation {
  const profile = resolveProfile(ctx.facts, assessment.profile);
  const requirements = ctx.source.items.map((item) =>
    evaluateRequirement(ctx, item.id, assessment.requirements.get(item.id) ?? null, profile),
  );
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const guidelines = ctx.target.items.map((t) => evaluateGuideline(ctx, t.id, assessment, byId));

  const topPriority = ctx.target.items.filter((t) => t.priority === 'top').map((t) => t.id);
  const topSet = new Set(topPriority);
  const outcomeOf = new Map(guidelines.map((g) => [g.id, g.outcome]));

  const gaps: Gap[] = [];
  const order = new Map(requirements.map((r, i) => [r.id, i]));
  for (const r of requirements) {
    if (GAP_SEVERITY[r.effective] === undefined) continue;
    const blocks = r.targets.filter((t) => outcomeOf.get(t) !== 'met');
    gaps.push({
      id: r.id,
      effective: r.effective,
      blocks,
      blocksTopPriority: blocks.some((b) => topSet.has(b)),
    });
  }
  gaps.sort(
    (a, b) =>
      b.blocks.length - a.blocks.length ||
      (GAP_SEVERITY[a.effective] ?? 9) - (GAP_SEVERITY[b.effective] ?? 9) ||
      Number(b.blocksTopPriority) - Number(a.blocksTopPriority) ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );

  const statusCounts = zeroCounts(EFFECTIVE_STATUSES);
  for (const r of requirements) statusCounts[r.effective] += 1;
  const outcomeCounts = zeroCounts(OUTCOMES);
  for (const g of guidelines) outcomeCounts[g.outcome] += 1;
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
    topPriority: { guidelines: topPriority, allMet: topPriority.every((id) => outcomeOf.get(id) === 'met') },
  };
  return { profile, requirements, guidelines, summary, gaps };
}
