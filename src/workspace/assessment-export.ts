/**
 * A product as an assessment file: YAML that `iotassure validate` accepts once its evidence files
 * are placed beside it. Evidence files are referenced as
 * `evidence/<first 12 hex digits of the SHA-256>-<file name>` with their SHA-256 (evidence-paths.ts);
 * `evidenceFiles` lists them, for a caller that writes or downloads them too.
 */
import { assessmentToYaml } from '../assessment-file/write-assessment.js';
import { explainCondition, resolveProfile } from '../core/applicability/resolve-profile.js';
import { safeFileName } from './evidence-paths.js';
import { coreEvidence, loadProductState } from './product-state.js';
import { readSnapshot } from './read-snapshot.js';
import type { Workspace } from './workspace.js';

/** Where the JSON Schema is, for editors; the schema's own id unless the caller serves it elsewhere. */
export const DEFAULT_SCHEMA_LOCATION = 'https://iotassure.invalid/schemas/assessment.schema.json';

export interface ExportedEvidenceFile {
  /** Relative to the assessment file, as written in it. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
}

export interface ExportedAssessment {
  readonly yaml: string;
  /** A file name for the download: the product's name, made safe, with .yaml. */
  readonly fileName: string;
  /** Each evidence file once (one file may back several records). */
  readonly evidenceFiles: readonly ExportedEvidenceFile[];
}

export const EXPORT_HEADER: readonly string[] = [
  'Exported by the iotassure team server. Evidence files are referenced as',
  'evidence/<first 12 hex digits of their SHA-256>-<file name>: put them in an evidence/ folder beside this file.',
];

export async function exportAssessmentYaml(
  ws: Workspace,
  productId: string,
  options: { readonly schemaLocation?: string } = {},
): Promise<ExportedAssessment> {
  const state = await readSnapshot(ws, (db) => loadProductState(db, productId, { evidence: true }));
  const { assessment } = state;
  const ctx = ws.ctx;
  const profile = resolveProfile(ctx.facts, assessment.profile);
  const notAsked = new Map<string, string>();
  for (const [id, r] of profile.facts) {
    if (r.origin === 'gated' && r.fact.askWhen)
      notAsked.set(id, explainCondition(r.fact.askWhen, profile).join('; '));
  }
  const requirements = ctx.source.items.flatMap((item) => {
    const record = assessment.requirements.get(item.id);
    return record ? [{ id: item.id, record }] : [];
  });
  const attestations = ctx.target.items.flatMap((item) => {
    const record = assessment.attestations.get(item.id);
    return record ? [{ id: item.id, record }] : [];
  });
  const yaml = assessmentToYaml(
    ctx,
    { product: assessment.product, profile: assessment.profile, notAsked, requirements, attestations },
    { schemaPath: options.schemaLocation ?? DEFAULT_SCHEMA_LOCATION, extraHeader: EXPORT_HEADER },
  );
  const files = new Map<string, ExportedEvidenceFile>();
  for (const e of state.evidence) {
    const core = coreEvidence(e);
    if (core.kind !== 'file' || !e.file || files.has(core.path)) continue;
    files.set(core.path, {
      path: core.path,
      sha256: e.file.sha256,
      size: e.file.size,
      mediaType: e.file.mediaType,
    });
  }
  const base = safeFileName(state.product.name).replace(/\.+$/, '') || 'product';
  return { yaml, fileName: `${base}.yaml`, evidenceFiles: [...files.values()] };
}
