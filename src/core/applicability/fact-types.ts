import type { Condition } from './condition.js';

/** One question about the product that a product manager can answer without reading the CF. */
export interface Fact {
  readonly id: string;
  readonly question: string;
  readonly help: string;
  /** Asked only when this holds; when it is false the fact is false without asking (WPS needs Wi-Fi). */
  readonly askWhen: Condition | null;
  /** Phrases that complete "Not applicable — …" and "Applies — …". */
  readonly whenTrue: string;
  readonly whenFalse: string;
}

export interface FactSet {
  readonly id: string;
  readonly title: string;
  readonly facts: readonly Fact[];
}

/** How a requirement's condition is grounded: stated in its own text, or implied by its CF section's subject. */
export type ConditionBasis = 'explicit' | 'scope';

export interface ApplicabilityRule {
  readonly item: string;
  readonly when: Condition;
  readonly basis: ConditionBasis;
  /** For `explicit`: the words of the requirement that state the condition. For `scope`: why it is implied. */
  readonly quote: string;
}

export interface ApplicabilitySet {
  readonly id: string;
  readonly framework: string;
  readonly facts: string;
  readonly notes: readonly string[];
  readonly rules: readonly ApplicabilityRule[];
}
