/**
 * Serialises a skeleton as a commented YAML assessment file: each requirement carries its number,
 * text and guidelines as a comment, so the file can be reviewed in git without the tool.
 */
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import type { Skeleton } from '../core/assessment/skeleton.js';
import { assessmentToYaml } from './write-assessment.js';

export function skeletonToYaml(ctx: AssessmentContext, skeleton: Skeleton, schemaPath: string): string {
  const record = (status: 'not-applicable' | 'not-assessed', justification: string | null) => ({
    status,
    justification,
    evidence: [],
    profileOverride: false,
    assessor: null,
    date: null,
  });
  return assessmentToYaml(
    ctx,
    {
      product: skeleton.product,
      profile: skeleton.profile,
      notAsked: skeleton.notAsked,
      requirements: skeleton.requirements.map((r) => ({
        id: r.id,
        record: record(r.status, r.justification),
        comment: r.comment,
      })),
      attestations: skeleton.attestations.map((a) => ({ id: a.id, record: record('not-assessed', null) })),
    },
    { schemaPath },
  );
}
