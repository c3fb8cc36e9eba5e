/** The editorial applicability layer stays honest: explicit conditions quote the requirement, and every fact is used. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog-files/load-catalog.js';
import { factsOf } from '../../src/core/applicability/condition.js';

const catalog = loadCatalog();
const rules = catalog.applicabilitySets.get('iotassure-applicability-iotsf-cf-1.1')?.rules ?? [];
const cf = catalog.frameworks.get('iotsf-cf-1.1');
const facts = catalog.factSets.get('iotassure-product-facts-1')?.facts ?? [];

describe('applicability rules for CF 1.1', () => {
  it('exist', () => {
    expect(rules.length).toBeGreaterThan(40);
  });

  it('quote, for an explicit condition, words that really are in the requirement text', () => {
    const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
    for (const rule of rules.filter((r) => r.basis === 'explicit')) {
      const item = cf?.items.find((i) => i.id === rule.item);
      const texts = [item?.text ?? '', ...(item?.variants.map((v) => v.text) ?? [])].map(normalise);
      expect(
        texts.some((t) => t.includes(normalise(rule.quote))),
        `${rule.item}: "${rule.quote}"`,
      ).toBe(true);
    }
  });

  it('use every profile question, so no question is asked for nothing', () => {
    const used = new Set(rules.flatMap((r) => factsOf(r.when)));
    const gates = new Set(facts.flatMap((f) => (f.askWhen ? factsOf(f.askWhen) : [])));
    for (const f of facts) expect(used.has(f.id) || gates.has(f.id), f.id).toBe(true);
  });

  it('leave unconditional the requirements whose text states no condition (spot checks)', () => {
    const ruled = new Set(rules.map((r) => r.item));
    for (const id of ['2.4.3.5', '2.4.4.1', '2.4.5.1', '2.4.8.12', '2.4.12.13'])
      expect(ruled.has(id), id).toBe(false);
  });
});
