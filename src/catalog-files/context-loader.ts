import {
  type AssessmentContext,
  createAssessmentContext,
  DEFAULT_MAPPING_SET,
} from '../core/assessment/assessment-context.js';
import type { Catalog } from '../core/catalog/catalog.js';
import { BUNDLED_DATA_DIR, loadCatalog } from './load-catalog.js';

/** Loads the catalog once and hands out assessment contexts per mapping set. */
export function contextLoader(dataDir: string = BUNDLED_DATA_DIR): {
  readonly catalog: () => Catalog;
  readonly contextFor: (mappingSet: string | undefined) => AssessmentContext;
} {
  let catalog: Catalog | null = null;
  const contexts = new Map<string, AssessmentContext>();
  const getCatalog = () => {
    catalog ??= loadCatalog(dataDir);
    return catalog;
  };
  return {
    catalog: getCatalog,
    contextFor(mappingSet) {
      const id = mappingSet ?? DEFAULT_MAPPING_SET;
      let ctx = contexts.get(id);
      if (!ctx) {
        ctx = createAssessmentContext(getCatalog(), id);
        contexts.set(id, ctx);
      }
      return ctx;
    },
  };
}
