import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import { nearest } from '../diagnostics/nearest.js';

export type KeyResolution =
  | { readonly kind: 'found'; readonly id: string }
  | { readonly kind: 'ambiguous'; readonly ids: readonly string[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly string[] };

/** A requirement key in a file may be an internal id or a printed number; a shared number is ambiguous. */
export function resolveRequirementKey(ctx: AssessmentContext, key: string): KeyResolution {
  if (ctx.sourceById.has(key)) return { kind: 'found', id: key };
  const byNumber = ctx.sourceIdsByNumber.get(key);
  if (byNumber && byNumber.length > 1) return { kind: 'ambiguous', ids: byNumber };
  if (byNumber?.[0]) return { kind: 'found', id: byNumber[0] };
  return { kind: 'unknown', suggestions: nearest(key, [...ctx.sourceById.keys()]) };
}
