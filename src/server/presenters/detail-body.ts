/**
 * The product detail answer, serialised by hand around its largest part. The report model (about
 * 150 KB for a full assessment) comes from the core's buildReport, whose type this server's report
 * schema must equal at compile time (report-schemas.ts); re-checking it field by field at run time
 * cost more than computing it. The rest — product, record states, evidence, which come from the
 * database — still goes through its schema, the allow-list of what leaves the server.
 */
import type { ProductDetail } from '../../workspace/product-detail.js';
import { productDetailSchema } from '../api/product-schemas.js';

const restSchema = productDetailSchema.omit({ report: true });

export function productDetailBody(detail: ProductDetail): string {
  const { report, ...rest } = detail;
  const checked = restSchema.encode(rest);
  return `{"product":${JSON.stringify(checked.product)},"report":${JSON.stringify(report)},"records":${JSON.stringify(checked.records)},"attestations":${JSON.stringify(checked.attestations)},"evidence":${JSON.stringify(checked.evidence)}}`;
}
