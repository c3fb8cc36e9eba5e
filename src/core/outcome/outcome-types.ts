import type { Applicability } from '../applicability/applicability.js';
import type { ResolvedProfile } from '../applicability/resolve-profile.js';
import type { RequirementRecord, Status } from '../assessment/assessment-types.js';
import type { Item } from '../catalog/catalog-types.js';

/** A requirement's status once the profile is taken into account. */
export type EffectiveStatus = Status | 'applicability-unknown';

export const OUTCOMES = [
  'met',
  'partially-met',
  'not-met',
  'incomplete',
  'not-applicable',
  'needs-attestation',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface RequirementResult {
  readonly id: string;
  readonly item: Item;
  readonly record: RequirementRecord | null;
  readonly applicability: Applicability;
  readonly effective: EffectiveStatus;
  /** Where a not-applicable came from: derived from the profile, or set by hand with a justification. */
  readonly notApplicableBy: 'profile' | 'assessor' | null;
  /**
   * The recorded status disagrees with what the profile derives. It is used only when the record
   * says `profileOverride`; otherwise the profile's result is.
   */
  readonly contradictsProfile: boolean;
  /** Target items (guidelines) this requirement maps to. */
  readonly targets: readonly string[];
}

export interface GuidelineResult {
  readonly id: string;
  readonly item: Item;
  readonly outcome: Outcome;
  /** The requirements that decide the outcome (for not-met: the non-compliant ones; and so on). */
  readonly deciding: readonly string[];
  /** Every requirement mapped to this guideline, in mapping order. */
  readonly requirements: readonly string[];
  readonly counts: Readonly<Record<EffectiveStatus, number>>;
  /** One sentence a reviewer can read: why this outcome. */
  readonly reason: string;
  /** For a guideline with no mapped requirement: what the mapping source says, and the attestation. */
  readonly unmappedNote: string | null;
  readonly attestation: RequirementRecord | null;
}

/**
 * Something that keeps guidelines from being met: an open requirement, or a guideline-level
 * attestation (for a guideline no requirement maps to) that is missing or not compliant.
 */
export type Gap =
  | {
      readonly kind: 'requirement';
      readonly id: string;
      readonly effective: EffectiveStatus;
      /** Guidelines this requirement keeps from being met. */
      readonly blocks: readonly string[];
      readonly blocksTopPriority: boolean;
    }
  | {
      readonly kind: 'attestation';
      /** The guideline that needs (a better) attestation. */
      readonly id: string;
      /** The attested status; not-assessed when there is no attestation yet. */
      readonly effective: EffectiveStatus;
      readonly blocks: readonly string[];
      readonly blocksTopPriority: boolean;
    };

export interface Summary {
  readonly guidelinesTotal: number;
  readonly guidelinesMet: number;
  readonly outcomeCounts: Readonly<Record<Outcome, number>>;
  readonly requirementsTotal: number;
  readonly statusCounts: Readonly<Record<EffectiveStatus, number>>;
  /** Requirements known to apply (compliant, partially, non-compliant or not assessed). */
  readonly applicableRequirements: number;
  readonly compliantRequirements: number;
  /** compliant / applicable, or null when nothing is known to apply. */
  readonly compliantShare: number | null;
  readonly topPriority: { readonly guidelines: readonly string[]; readonly allMet: boolean };
}

export interface Evaluation {
  readonly profile: ResolvedProfile;
  readonly requirements: readonly RequirementResult[];
  readonly guidelines: readonly GuidelineResult[];
  readonly summary: Summary;
  readonly gaps: readonly Gap[];
}
