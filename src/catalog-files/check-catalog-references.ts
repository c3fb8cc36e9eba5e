import { factsOf } from '../core/applicability/condition.js';
import type { Catalog } from '../core/catalog/catalog.js';
import type { PathSegment } from '../diagnostics/source-positions.js';

export interface ReferenceProblem {
  readonly folder: 'frameworks' | 'mappings' | 'profile' | 'applicability';
  readonly fileId: string;
  readonly path: readonly PathSegment[];
  readonly code: 'duplicate-id' | 'unknown-reference';
  readonly message: string;
}

/** Checks that every id a data file mentions exists, and that ids are unique where they must be. */
export function checkCatalogReferences(catalog: Catalog): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const problem = (
    folder: ReferenceProblem['folder'],
    fileId: string,
    path: readonly PathSegment[],
    code: ReferenceProblem['code'],
    message: string,
  ) => problems.push({ folder, fileId, path, code, message });
  for (const [id, fw] of catalog.frameworks) {
    const groups = new Set<string>();
    fw.groups.forEach((g, i) => {
      if (groups.has(g.id)) {
        problem('frameworks', id, ['groups', i, 'id'], 'duplicate-id', `group id "${g.id}" is used twice`);
      }
      groups.add(g.id);
    });
    fw.groups.forEach((g, i) => {
      if (g.parent !== null && !groups.has(g.parent)) {
        problem('frameworks', id, ['groups', i, 'parent'], 'unknown-reference', `no group "${g.parent}"`);
      }
    });
    const items = new Set<string>();
    fw.items.forEach((item, i) => {
      if (items.has(item.id)) {
        problem('frameworks', id, ['items', i, 'id'], 'duplicate-id', `item id "${item.id}" is used twice`);
      }
      items.add(item.id);
      if (item.group !== null && !groups.has(item.group)) {
        problem('frameworks', id, ['items', i, 'group'], 'unknown-reference', `no group "${item.group}"`);
      }
    });
  }
  const itemIds = (frameworkId: string) =>
    new Set(catalog.frameworks.get(frameworkId)?.items.map((i) => i.id) ?? []);
  for (const [id, set] of catalog.mappingSets) {
    for (const [key, fwId] of [
      ['sourceFramework', set.sourceFramework],
      ['targetFramework', set.targetFramework],
    ] as const) {
      if (!catalog.frameworks.has(fwId)) {
        problem('mappings', id, [key], 'unknown-reference', `no framework "${fwId}"`);
      }
    }
    const sources = itemIds(set.sourceFramework);
    const targets = itemIds(set.targetFramework);
    set.links.forEach((link, i) => {
      if (!sources.has(link.source)) {
        problem(
          'mappings',
          id,
          ['links', i, 'source'],
          'unknown-reference',
          `framework ${set.sourceFramework} has no item "${link.source}"`,
        );
      }
      if (!targets.has(link.target)) {
        problem(
          'mappings',
          id,
          ['links', i, 'target'],
          'unknown-reference',
          `framework ${set.targetFramework} has no item "${link.target}"`,
        );
      }
    });
    set.unmappedTargets.forEach((u, i) => {
      if (!targets.has(u.target)) {
        problem(
          'mappings',
          id,
          ['unmappedTargets', i, 'target'],
          'unknown-reference',
          `framework ${set.targetFramework} has no item "${u.target}"`,
        );
      }
    });
  }
  for (const [id, set] of catalog.factSets) {
    const seen = new Set<string>();
    set.facts.forEach((fact, i) => {
      if (seen.has(fact.id)) {
        problem('profile', id, ['facts', i, 'id'], 'duplicate-id', `fact id "${fact.id}" is used twice`);
      }
      // askWhen may only look back, so facts can be asked in file order.
      for (const f of fact.askWhen ? factsOf(fact.askWhen) : []) {
        if (!seen.has(f)) {
          problem(
            'profile',
            id,
            ['facts', i, 'askWhen'],
            'unknown-reference',
            `askWhen refers to "${f}", which is not a fact defined above this one`,
          );
        }
      }
      seen.add(fact.id);
    });
  }
  for (const [id, set] of catalog.applicabilitySets) {
    const facts = catalog.factSets.get(set.facts);
    if (!facts) problem('applicability', id, ['facts'], 'unknown-reference', `no fact set "${set.facts}"`);
    if (!catalog.frameworks.has(set.framework)) {
      problem('applicability', id, ['framework'], 'unknown-reference', `no framework "${set.framework}"`);
    }
    const items = itemIds(set.framework);
    const factIds = new Set(facts?.facts.map((f) => f.id) ?? []);
    const ruled = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (!items.has(rule.item)) {
        problem(
          'applicability',
          id,
          ['rules', i, 'item'],
          'unknown-reference',
          `framework ${set.framework} has no item "${rule.item}"`,
        );
      }
      if (ruled.has(rule.item)) {
        problem(
          'applicability',
          id,
          ['rules', i, 'item'],
          'duplicate-id',
          `item "${rule.item}" has two rules; combine them with all/any`,
        );
      }
      ruled.add(rule.item);
      for (const f of factsOf(rule.when)) {
        if (facts && !factIds.has(f)) {
          problem(
            'applicability',
            id,
            ['rules', i, 'when'],
            'unknown-reference',
            `no fact "${f}" in ${set.facts}`,
          );
        }
      }
    });
  }
  return problems;
}
