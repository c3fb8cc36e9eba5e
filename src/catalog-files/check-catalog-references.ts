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
  for (const [id, fw] of catalog.frameworks) {
    const groups = new Set<string>();
    fw.groups.forEach((g, i) => {
      if (groups.has(g.id)) {
        problems.push({
          folder: 'frameworks',
          fileId: id,
          path: ['groups', i, 'id'],
          code: 'duplicate-id',
          message: `group id "${g.id}" is used twice`,
        });
      }
      groups.add(g.id);
    });
    fw.groups.forEach((g, i) => {
      if (g.parent !== null && !groups.has(g.parent)) {
        problems.push({
          folder: 'frameworks',
          fileId: id,
          path: ['groups', i, 'parent'],
          code: 'unknown-reference',
          message: `no group "${g.parent}"`,
        });
      }
    });
    const items = new Set<string>();
    fw.items.forEach((item, i) => {
      if (items.has(item.id)) {
        problems.push({
          folder: 'frameworks',
          fileId: id,
          path: ['items', i, 'id'],
          code: 'duplicate-id',
          message: `item id "${item.id}" is used twice`,
        });
      }
      items.add(item.id);
      if (item.group !== null && !groups.has(item.group)) {
        problems.push({
          folder: 'frameworks',
          fileId: id,
          path: ['items', i, 'group'],
          code: 'unknown-reference',
          message: `no group "${item.group}"`,
        });
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
        problems.push({
          folder: 'mappings',
          fileId: id,
          path: [key],
          code: 'unknown-reference',
          message: `no framework "${fwId}"`,
        });
      }
    }
    const sources = itemIds(set.sourceFramework);
    const targets = itemIds(set.targetFramework);
    set.links.forEach((link, i) => {
      if (!sources.has(link.source)) {
        problems.push({
          folder: 'mappings',
          fileId: id,
          path: ['links', i, 'source'],
          code: 'unknown-reference',
          message: `framework ${set.sourceFramework} has no item "${link.source}"`,
        });
      }
      if (!targets.has(link.target)) {
        problems.push({
          folder: 'mappings',
          fileId: id,
          path: ['links', i, 'target'],
          code: 'unknown-reference',
          message: `framework ${set.targetFramework} has no item "${link.target}"`,
        });
      }
    });
    set.unmappedTargets.forEach((u, i) => {
      if (!targets.has(u.target)) {
        problems.push({
          folder: 'mappings',
          fileId: id,
          path: ['unmappedTargets', i, 'target'],
          code: 'unknown-reference',
          message: `framework ${set.targetFramework} has no item "${u.target}"`,
        });
      }
    });
  }
  for (const [id, set] of catalog.factSets) {
    const seen = new Set<string>();
    set.facts.forEach((fact, i) => {
      if (seen.has(fact.id)) {
        problems.push({
          folder: 'profile',
          fileId: id,
          path: ['facts', i, 'id'],
          code: 'duplicate-id',
          message: `fact id "${fact.id}" is used twice`,
        });
      }
      // askWhen may only look back, so facts can be asked in file order.
      for (const f of fact.askWhen ? factsOf(fact.askWhen) : []) {
        if (!seen.has(f)) {
          problems.push({
            folder: 'profile',
            fileId: id,
            path: ['facts', i, 'askWhen'],
            code: 'unknown-reference',
            message: `askWhen refers to "${f}", which is not a fact defined above this one`,
          });
        }
      }
      seen.add(fact.id);
    });
  }
  for (const [id, set] of catalog.applicabilitySets) {
    const facts = catalog.factSets.get(set.facts);
    if (!facts)
      problems.push({
        folder: 'applicability',
        fileId: id,
        path: ['facts'],
        code: 'unknown-reference',
        message: `no fact set "${set.facts}"`,
      });
    if (!catalog.frameworks.has(set.framework)) {
      problems.push({
        folder: 'applicability',
        fileId: id,
        path: ['framework'],
        code: 'unknown-reference',
        message: `no framework "${set.framework}"`,
      });
    }
    const items = itemIds(set.framework);
    const factIds = new Set(facts?.facts.map((f) => f.id) ?? []);
    const ruled = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (!items.has(rule.item)) {
        problems.push({
          folder: 'applicability',
          fileId: id,
          path: ['rules', i, 'item'],
          code: 'unknown-reference',
          message: `framework ${set.framework} has no item "${rule.item}"`,
        });
      }
      if (ruled.has(rule.item)) {
        problems.push({
          folder: 'applicability',
          fileId: id,
          path: ['rules', i, 'item'],
          code: 'duplicate-id',
          message: `item "${rule.item}" has two rules; combine them with all/any`,
        });
      }
      ruled.add(rule.item);
      for (const f of factsOf(rule.when)) {
        if (facts && !factIds.has(f)) {
          problems.push({
            folder: 'applicability',
            fileId: id,
            path: ['rules', i, 'when'],
            code: 'unknown-reference',
            message: `no fact "${f}" in ${set.facts}`,
          });
        }
      }
    });
  }
  return problems;
}
