import { distance } from 'fastest-levenshtein';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';

export type KeyResolution =
  | { readonly kind: 'found'; readonly id: string }
  | { readonly kind: 'ambiguous'; readonly ids: readonly string[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly string[] };

/** Up to three known keys nearest to `key` by edit distance, nearest first. */
export function nearest(key: string, candidates: readonly string[], limit = 3): string[] {
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  return candidates
    .map((c) => ({ c, d: distance(key, c) }))
    .filter((x) => x.d <= maxDistance)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map((x) => x.c);
}

/** A requirement key in a file may be an internal id or a printed number; a shared number is ambiguous. */
export function resolveRequirementKey(ctx: AssessmentContext, key: string): KeyResolution {
  if (ctx.sourceById.has(key)) return { kind: 'found', id: key };
  const byNumber = ctx.sourceIdsByNumber.get(key);
  if (byNumber && byNumber.length > 1) return { kind: 'ambiguous', ids: byNumber };
  if (byNumber?.[0]) return { kind: 'found', id: byNumber[0] };
  return { kind: 'unknown', suggestions: nearest(key, [...ctx.sourceById.keys()]) };
}
