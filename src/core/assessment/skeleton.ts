/**
 * What `iotassure init` writes, as data: every requirement with the status it should start from.
 * Requirements the profile makes inapplicable start as not-applicable with the derived reason;
 * every other one starts as not-assessed, with a note of what is still unknown.
 */
import { deriveApplicability } from '../applicability/applicability.js';
import { explainCondition, resolveProfile } from '../applicability/resolve-profile.js';
import type { AssessmentContext } from './assessment-context.js';
import type { Product } from './assessment-types.js';

export interface SkeletonEntry {
  readonly id: string;
  readonly number: string | null;
  readonly text: string | null;
  readonly guidelines: readonly string[];
  readonly status: 'not-applicable' | 'not-assessed';
  /** For not-applicable: the derived reason, written as the justification. */
  readonly justification: string | null;
  /** For a reviewer: why the requirement applies, or which answer is still missing. */
  readonly comment: string | null;
}

export interface Skeleton {
  readonly product: Product;
  readonly profile: ReadonlyMap<string, boolean>;
  /** Questions not asked because an answer they depend on rules them out, with why. */
  readonly notAsked: ReadonlyMap<string, string>;
  readonly requirements: readonly SkeletonEntry[];
  /** Target items with no mapped requirement: they need a guideline-level attestation. */
  readonly attestations: readonly {
    readonly id: string;
    readonly title: string | null;
    readonly note: string | null;
  }[];
}

export function buildSkeleton(
  ctx: AssessmentContext,
  product: Product,
  answers: ReadonlyMap<string, boolean>,
): Skeleton {
  const profile = resolveProfile(ctx.facts, answers);
  const requirements = ctx.source.items.map((item): SkeletonEntry => {
    const a = deriveApplicability(ctx.ruleOf.get(item.id), profile);
    const base = {
      id: item.id,
      number: item.number,
      text: item.text,
      guidelines: ctx.targetsOf.get(item.id) ?? [],
    };
    if (a.kind === 'not-applicable') {
      return {
        ...base,
        status: 'not-applicable',
        justification: `Derived from the product profile: ${a.reason}.`,
        comment: null,
      };
    }
    const comment =
      a.kind === 'applies'
        ? `applies: ${a.reason}`
        : a.kind === 'unknown'
          ? `applicability unknown — ${a.reason}`
          : null;
    return { ...base, status: 'not-assessed', justification: null, comment };
  });
  const attestations = ctx.target.items
    .filter((t) => (ctx.sourcesOf.get(t.id)?.length ?? 0) === 0)
    .map((t) => ({ id: t.id, title: t.title, note: ctx.unmappedTargets.get(t.id)?.note ?? null }));
  // Keep only real answers (gated facts resolve to false and need no answer in the file).
  const kept = new Map([...answers].filter(([id]) => profile.facts.get(id)?.origin === 'answered'));
  const notAsked = new Map<string, string>();
  for (const [id, r] of profile.facts) {
    if (r.origin === 'gated' && r.fact.askWhen)
      notAsked.set(id, explainCondition(r.fact.askWhen, profile).join('; '));
  }
  return { product, profile: kept, notAsked, requirements, attestations };
}
