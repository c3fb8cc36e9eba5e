import type { ApplicabilitySet, FactSet } from '../applicability/fact-types.js';
import type { Framework, MappingSet } from './catalog-types.js';

/** Everything iotassure knows, as loaded from data files. */
export interface Catalog {
  readonly frameworks: ReadonlyMap<string, Framework>;
  readonly mappingSets: ReadonlyMap<string, MappingSet>;
  readonly factSets: ReadonlyMap<string, FactSet>;
  readonly applicabilitySets: ReadonlyMap<string, ApplicabilitySet>;
}

/** The display form of an item's number: the printed number, or a marker when the source prints none. */
export function displayNumber(item: { readonly number: string | null }): string {
  return item.number ?? '(no number)';
}
