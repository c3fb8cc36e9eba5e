/**
 * A product page: the full report model (the same one every renderer uses) computed from the
 * stored state, with the revisions and evidence ids the page needs to edit it.
 */

import { checkAssessment, type Finding } from '../core/assessment/check-assessment.js';
import { evaluate } from '../core/outcome/evaluate.js';
import type { Evaluation } from '../core/outcome/outcome-types.js';
import { buildReport, type Report } from '../core/report/report-model.js';
import { type EvidenceView, loadProductState, type ProductView, type RecordState } from './product-state.js';
import { readSnapshot } from './read-snapshot.js';
import type { Workspace } from './workspace.js';

export interface ProductDetail {
  readonly product: ProductView;
  readonly report: Report;
  /** Per requirement id with a record: its fields and revision. */
  readonly records: Readonly<Record<string, RecordState>>;
  /** Per guideline id with an attestation. */
  readonly attestations: Readonly<Record<string, RecordState>>;
  readonly evidence: readonly EvidenceView[];
}

/** A finding as one line for people, as the report model's warnings are. */
export function findingText(f: Finding): string {
  return f.hint ? `${f.message} (${f.hint})` : f.message;
}

export async function getProductDetail(ws: Workspace, productId: string): Promise<ProductDetail> {
  const state = await readSnapshot(ws, (db) => loadProductState(db, productId, { evidence: true }));
  const evaluation: Evaluation = evaluate(ws.ctx, state.assessment);
  const warnings = checkAssessment(ws.ctx, state.assessment, evaluation)
    .filter((f) => f.severity === 'warning')
    .map(findingText);
  const report = buildReport({
    ctx: ws.ctx,
    assessment: state.assessment,
    evaluation,
    generatedAt: ws.now().toISOString(),
    tool: ws.tool,
    warnings,
  });
  return {
    product: state.product,
    report,
    records: Object.fromEntries(state.records),
    attestations: Object.fromEntries(state.attestations),
    evidence: state.evidence,
  };
}
