import { evaluateCondition, factsOf } from './condition.js';
import type { ApplicabilityRule, FactSet } from './fact-types.js';
import { explainCondition, type ResolvedProfile } from './resolve-profile.js';

/** Whether a requirement applies to a product, derived from its profile — never from ticked boxes. */
export type Applicability =
  | { readonly kind: 'always' }
  | { readonly kind: 'applies'; readonly reason: string; readonly rule: ApplicabilityRule }
  | { readonly kind: 'not-applicable'; readonly reason: string; readonly rule: ApplicabilityRule }
  | {
      readonly kind: 'unknown';
      readonly missing: readonly string[];
      readonly reason: string;
      readonly rule: ApplicabilityRule;
    };

export function deriveApplicability(
  rule: ApplicabilityRule | undefined,
  profile: ResolvedProfile,
): Applicability {
  if (!rule) return { kind: 'always' };
  const value = evaluateCondition(rule.when, profile.values);
  const reason = explainCondition(rule.when, profile).join('; ');
  if (value === true) return { kind: 'applies', reason, rule };
  if (value === false) return { kind: 'not-applicable', reason, rule };
  const missing = factsOf(rule.when).filter((f) => profile.facts.get(f)?.value === 'unknown');
  return { kind: 'unknown', missing, reason, rule };
}

const ALWAYS: Applicability = Object.freeze({ kind: 'always' });

/**
 * Memoises deriveApplicability per rule. A rule's result depends only on the resolved value and
 * origin of the facts its condition mentions and, through askWhen gates, the facts those depend on;
 * so the key is small (a few facts) and results — reason strings included — are shared across
 * assessments instead of being rebuilt for each of thousands of products. One memo belongs to one
 * fact set; it is never global.
 */
export function applicabilityMemo(
  facts: FactSet,
): (rule: ApplicabilityRule | undefined, profile: ResolvedProfile) => Applicability {
  const gateOf = new Map(facts.facts.map((f) => [f.id, f.askWhen]));
  const keyFactsOf = new Map<ApplicabilityRule, string[]>();
  const cache = new Map<ApplicabilityRule, Map<number, Applicability>>();
  const keyFacts = (rule: ApplicabilityRule): string[] => {
    let list = keyFactsOf.get(rule);
    if (!list) {
      const seen = new Set<string>();
      const visit = (id: string) => {
        if (seen.has(id)) return;
        seen.add(id);
        const gate = gateOf.get(id);
        if (gate) for (const g of factsOf(gate)) visit(g);
      };
      for (const f of factsOf(rule.when)) visit(f);
      list = [...seen];
      keyFactsOf.set(rule, list);
    }
    return list;
  };
  return (rule, profile) => {
    if (!rule) return ALWAYS;
    // Base-5 digits, one per key fact: absent, unknown, gated, true, false.
    let key = 0;
    for (const id of keyFacts(rule)) {
      const r = profile.facts.get(id);
      key =
        key * 5 +
        (r === undefined ? 0 : r.value === 'unknown' ? 1 : r.origin === 'gated' ? 2 : r.value ? 3 : 4);
    }
    let byKey = cache.get(rule);
    if (!byKey) {
      byKey = new Map();
      cache.set(rule, byKey);
    }
    let result = byKey.get(key);
    if (!result) {
      result = Object.freeze(deriveApplicability(rule, profile));
      byKey.set(key, result);
    }
    return result;
  };
}
