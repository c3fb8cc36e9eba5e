/**
 * The product detail answer, the hottest read of the product page. Serialised with explicit
 * allow-list presenters (below) rather than a field-by-field schema check at run time, which cost
 * more than computing the answer: the product, record states and evidence are copied field by
 * field, so nothing else leaves the server; the report model comes from the core's buildReport,
 * whose type must equal this server's report schema at compile time (report-schemas.ts).
 * test/server/presenters.test.ts checks the result equals what the full schema gives.
 */

import type { ProductDetail } from '../../workspace/product-detail.js';
import type { EvidenceView, ProductView, RecordState } from '../../workspace/product-state.js';

export function productView(p: ProductView) {
  return {
    id: p.id,
    name: p.name,
    model: p.model,
    version: p.version,
    manufacturer: p.manufacturer,
    description: p.description,
    roles: p.roles,
    revision: p.revision,
    archivedAt: p.archivedAt,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
  };
}

export function recordStateView(r: RecordState) {
  return {
    revision: r.revision,
    status: r.status,
    justification: r.justification,
    profileOverride: r.profileOverride,
    assessor: r.assessor,
    date: r.date,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

export function evidenceItemView(e: EvidenceView) {
  return {
    id: e.id,
    target: { kind: e.target.kind, id: e.target.id },
    kind: e.kind,
    title: e.title,
    url: e.url,
    text: e.text,
    file: e.file
      ? { sha256: e.file.sha256, filename: e.file.filename, mediaType: e.file.mediaType, size: e.file.size }
      : null,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
  };
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (t: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [k, v] of Object.entries(record)) out[k] = f(v);
  return out;
}

export function productDetailBody(detail: ProductDetail): string {
  return JSON.stringify({
    product: productView(detail.product),
    report: detail.report,
    records: mapValues(detail.records, recordStateView),
    attestations: mapValues(detail.attestations, recordStateView),
    evidence: detail.evidence.map(evidenceItemView),
  });
}
