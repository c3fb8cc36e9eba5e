import { evaluateCondition, factsOf } from './condition.js';
import type { ApplicabilityRule } from './fact-types.js';
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
