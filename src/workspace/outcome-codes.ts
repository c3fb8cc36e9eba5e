/**
 * A product's guideline outcomes stored as one short text column, one letter per guideline in the
 * target framework's order. The portfolio filters on a guideline (`substr(outcome_codes, i, 1)`) and
 * counts outcomes per guideline over the whole filtered set with one scan of one table — the same
 * SQL on SQLite and PostgreSQL, no join, no JSON functions.
 */
import { OUTCOMES, type Outcome } from '../core/outcome/outcome-types.js';

// Exhaustive: a new outcome does not compile until it has a letter.
export const OUTCOME_CODE: Readonly<Record<Outcome, string>> = {
  met: 'M',
  'partially-met': 'P',
  'not-met': 'N',
  incomplete: 'I',
  'not-applicable': 'A',
  'needs-attestation': 'T',
};

const OUTCOME_OF_CODE = new Map(OUTCOMES.map((o) => [OUTCOME_CODE[o], o]));

export function encodeOutcomes(outcomes: readonly Outcome[]): string {
  return outcomes.map((o) => OUTCOME_CODE[o]).join('');
}

/** The outcomes in guideline order; throws on a letter that is no outcome (a corrupted cache). */
export function decodeOutcomes(codes: string): Outcome[] {
  return [...codes].map((c) => {
    const outcome = OUTCOME_OF_CODE.get(c);
    if (!outcome) throw new Error(`corrupted cached evaluation: "${c}" is no outcome code`);
    return outcome;
  });
}
