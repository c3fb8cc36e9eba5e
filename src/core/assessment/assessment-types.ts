import type { Stakeholder } from '../catalog/catalog-types.js';

export const STATUSES = [
  'compliant',
  'partially-compliant',
  'non-compliant',
  'not-applicable',
  'not-assessed',
] as const;
export type Status = (typeof STATUSES)[number];

export type Evidence =
  | { readonly kind: 'file'; readonly path: string; readonly sha256: string; readonly title: string | null }
  | { readonly kind: 'url'; readonly url: string; readonly title: string | null }
  | { readonly kind: 'note'; readonly text: string };

/** What an assessor recorded for one requirement (or, for a guideline with none, for the guideline). */
export interface RequirementRecord {
  readonly status: Status;
  readonly justification: string | null;
  readonly evidence: readonly Evidence[];
  /** The assessor confirms the status deliberately contradicts the profile (with a justification). */
  readonly profileOverride: boolean;
  readonly assessor: string | null;
  /** ISO date (YYYY-MM-DD) the status was last assessed. */
  readonly date: string | null;
}

export interface Product {
  readonly name: string;
  readonly model: string | null;
  readonly version: string | null;
  readonly manufacturer: string | null;
  readonly description: string | null;
  /** Which of the CoP's stakeholder roles the organisation plays for this product. */
  readonly roles: readonly Stakeholder[];
}

export interface Assessment {
  readonly product: Product;
  /** Profile answers; an absent key means the question is unanswered. */
  readonly profile: ReadonlyMap<string, boolean>;
  readonly requirements: ReadonlyMap<string, RequirementRecord>;
  /** Attestations for target items (guidelines) that no source requirement maps to. */
  readonly attestations: ReadonlyMap<string, RequirementRecord>;
}
