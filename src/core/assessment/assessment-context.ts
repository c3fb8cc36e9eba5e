import { type Applicability, applicabilityMemo } from '../applicability/applicability.js';
import type { ApplicabilityRule, ApplicabilitySet, FactSet } from '../applicability/fact-types.js';
import type { ResolvedProfile } from '../applicability/resolve-profile.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Framework, Item, MappingSet, UnmappedTarget } from '../catalog/catalog-types.js';

/**
 * Everything the engine needs to assess items of one framework (the "source", e.g. CF 1.1) and
 * report outcomes for another (the "target", e.g. the CoP) through one mapping set, indexed once
 * so that each evaluation is linear in the size of the catalog.
 */
export interface AssessmentContext {
  readonly mapping: MappingSet;
  readonly source: Framework;
  readonly target: Framework;
  readonly facts: FactSet;
  readonly applicability: ApplicabilitySet | null;
  readonly sourceById: ReadonlyMap<string, Item>;
  readonly targetById: ReadonlyMap<string, Item>;
  /** Distinct target ids each source item maps to, in mapping order. */
  readonly targetsOf: ReadonlyMap<string, readonly string[]>;
  /** Distinct source ids mapped to each target item, in mapping order. */
  readonly sourcesOf: ReadonlyMap<string, readonly string[]>;
  readonly ruleOf: ReadonlyMap<string, ApplicabilityRule>;
  readonly unmappedTargets: ReadonlyMap<string, UnmappedTarget>;
  /** Source ids by printed number; more than one id means the number is ambiguous. */
  readonly sourceIdsByNumber: ReadonlyMap<string, readonly string[]>;
  /** Position of each source item in `source.items` (the engine indexes results by it). */
  readonly sourceIndex: ReadonlyMap<string, number>;
  /** Per source item, in `source.items` order: what the engine needs, looked up once. */
  readonly sourceRows: readonly SourceRow[];
  /** Positions (in `source.items`) of the source items mapped to each target, in mapping order. */
  readonly sourcePositionsOf: ReadonlyMap<string, readonly number[]>;
  /** Target items the target framework marks as top priority. */
  readonly topPriority: readonly string[];
  /** deriveApplicability, memoised for this context's fact set (see applicabilityMemo). */
  readonly applicabilityOf: (rule: ApplicabilityRule | undefined, profile: ResolvedProfile) => Applicability;
}

export interface SourceRow {
  readonly item: Item;
  readonly rule: ApplicabilityRule | undefined;
  readonly targets: readonly string[];
}

export const DEFAULT_MAPPING_SET = 'iotsf-cf-1.1--dcms-cop-2018';

export class ContextError extends Error {}

export function createAssessmentContext(
  catalog: Catalog,
  mappingSetId: string = DEFAULT_MAPPING_SET,
): AssessmentContext {
  const mapping = catalog.mappingSets.get(mappingSetId);
  if (!mapping) throw new ContextError(`no mapping set "${mappingSetId}" in the catalog`);
  const source = catalog.frameworks.get(mapping.sourceFramework);
  const target = catalog.frameworks.get(mapping.targetFramework);
  if (!source || !target)
    throw new ContextError(`mapping set "${mappingSetId}" names a framework the catalog lacks`);
  const applicability =
    [...catalog.applicabilitySets.values()].find((a) => a.framework === source.id) ?? null;
  const facts = applicability
    ? catalog.factSets.get(applicability.facts)
    : catalog.factSets.values().next().value;
  if (!facts) throw new ContextError('the catalog has no product facts');

  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  const targetsOf = new Map<string, string[]>();
  const sourcesOf = new Map<string, string[]>();
  for (const link of mapping.links) {
    push(targetsOf, link.source, link.target);
    push(sourcesOf, link.target, link.source);
  }
  const sourceIdsByNumber = new Map<string, string[]>();
  for (const item of source.items) if (item.number) push(sourceIdsByNumber, item.number, item.id);
  const sourceIndex = new Map(source.items.map((item, index) => [item.id, index]));
  const ruleOf = new Map(applicability?.rules.map((r) => [r.item, r]) ?? []);
  return {
    mapping,
    source,
    target,
    facts,
    applicability,
    sourceById: new Map(source.items.map((i) => [i.id, i])),
    targetById: new Map(target.items.map((i) => [i.id, i])),
    targetsOf,
    sourcesOf,
    ruleOf,
    unmappedTargets: new Map(mapping.unmappedTargets.map((u) => [u.target, u])),
    sourceIdsByNumber,
    sourceIndex,
    sourceRows: source.items.map((item) => ({
      item,
      rule: ruleOf.get(item.id),
      targets: targetsOf.get(item.id) ?? [],
    })),
    sourcePositionsOf: new Map(
      [...sourcesOf].map(([target, ids]) => [target, ids.map((id) => sourceIndex.get(id) ?? -1)]),
    ),
    topPriority: target.items.filter((t) => t.priority === 'top').map((t) => t.id),
    applicabilityOf: applicabilityMemo(facts),
  };
}
