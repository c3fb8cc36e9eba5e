import { distance } from 'fastest-levenshtein';

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
