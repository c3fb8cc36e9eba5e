/**
 * The rules an assessment must follow beyond its schema, as pure checks. Findings name core ids;
 * the file adapter turns them into file:line:column.
 */
import type { DiagnosticCode } from '../../diagnostics/error-codes.js';
import { displayNumber } from '../catalog/catalog.js';
import type { Evaluation } from '../outcome/outcome-types.js';
import type { AssessmentContext } from './assessment-context.js';
import type { Assessment } from './assessment-types.js';

export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly code: DiagnosticCode;
  /** Path inside the assessment, with core ids: ['requirements', '2.4.3.13/2', 'status']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint: string | null;
}

export function checkAssessment(
  ctx: AssessmentContext,
  assessment: Assessment,
  evaluation: Evaluation,
): Finding[] {
  const findings: Finding[] = [];
  for (const [id, record] of assessment.requirements) {
    if (record.status === 'not-applicable' && !record.justification) {
      const derived = evaluation.requirements.find((r) => r.id === id)?.applicability;
      if (derived?.kind !== 'not-applicable') {
        findings.push({
          severity: 'error',
          code: 'justification-required',
          path: ['requirements', id, 'status'],
          message: `${displayNumber(ctx.sourceById.get(id) ?? { number: id })} is marked not-applicable by hand with no justification`,
          hint: 'add a justification saying why this requirement does not apply to the product',
        });
      }
    }
  }
  for (const [id, record] of assessment.requirements) {
    if (record.profileOverride && !record.justification) {
      findings.push({
        severity: 'error',
        code: 'justification-required',
        path: ['requirements', id, 'profileOverride'],
        message: `${displayNumber(ctx.sourceById.get(id) ?? { number: id })} overrides the product profile with no justification`,
        hint: 'say why the status differs from what the profile derives',
      });
    }
  }
  for (const r of evaluation.requirements) {
    // A deliberate, justified override is a decision, not a mistake: no warning (reports still show it).
    if (!r.contradictsProfile || !r.record || r.record.profileOverride) continue;
    const a = r.applicability;
    const why = a.kind === 'applies' || a.kind === 'not-applicable' ? a.reason : '';
    findings.push({
      severity: 'warning',
      code: 'status-contradicts-profile',
      path: ['requirements', r.id, 'status'],
      message:
        a.kind === 'not-applicable'
          ? `${displayNumber(r.item)} is recorded as ${r.record.status}, but the profile makes it not applicable (${why}); the profile's result is used`
          : `${displayNumber(r.item)} is recorded as not-applicable, but the profile says it applies (${why}); it counts as ${r.effective === 'not-assessed' ? 'not assessed' : r.effective}`,
      hint: 'correct the status or the profile answer; if the difference is deliberate, add `profileOverride: true` and a justification',
    });
  }
  for (const fact of evaluation.profile.facts.values()) {
    if (!fact.contradicted) continue;
    findings.push({
      severity: 'warning',
      code: 'fact-contradicts-profile',
      path: ['profile', fact.fact.id],
      message: `"${fact.fact.id}" is answered true, but it is only asked when an earlier answer holds, and it does not; it is treated as false`,
      hint: 'correct one of the two answers',
    });
  }
  for (const [target, record] of assessment.attestations) {
    if (!ctx.targetById.has(target)) continue; // reported as unknown-guideline when the file is read
    if ((ctx.sourcesOf.get(target)?.length ?? 0) > 0) {
      findings.push({
        severity: 'error',
        code: 'attestation-not-needed',
        path: ['attestations', target],
        message: `guideline ${target} has mapped requirements; its outcome comes from them, so an attestation would be ignored`,
        hint: 'record the statuses of its requirements instead, and remove this attestation',
      });
    }
    if (record.status === 'not-applicable' && !record.justification) {
      findings.push({
        severity: 'error',
        code: 'justification-required',
        path: ['attestations', target, 'status'],
        message: `guideline ${target} is attested not-applicable with no justification`,
        hint: 'add a justification',
      });
    }
  }
  return findings;
}
