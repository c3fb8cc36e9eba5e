/**
 * The CF 1.1 → CoP cross-reference as an OSCAL mapping-collection: valid against the official OSCAL
 * 1.2.2 schema, one map per row of the data file, no relationship the source does not state, every
 * reference resolving to a control of the exported catalogs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import type { MappingSet } from '../../src/core/catalog/catalog-types.js';
import { frameworkToOscal } from '../../src/exporters/oscal/catalog-to-oscal.js';
import { MappingExportError, mappingSetToOscal } from '../../src/exporters/oscal/mapping-to-oscal.js';
import { compileOscalValidator, oscalSchemaAvailable } from '../../src/exporters/oscal/oscal-schema.js';
import type { OscalCatalog, OscalMappingCollection } from '../../src/exporters/oscal/oscal-types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasSchema = oscalSchemaAvailable();
const validate = hasSchema ? compileOscalValidator() : () => ['no schema'];

const data = JSON.parse(
  readFileSync(join(repoRoot, 'data/mappings/iotsf-cf-1.1--dcms-cop-2018.json'), 'utf8'),
) as {
  links: { source: string; target: string; relationship: string; provenance: { row: number } }[];
  unmappedTargets: { target: string; note: string }[];
};

const OPTIONS = { lastModified: '2026-12-01T10:00:00.000Z', tool: { name: 'iotassure', version: '0.1.0' } };
const catalog = contextLoader().catalog();
const cf = catalog.frameworks.get('iotsf-cf-1.1')!;
const cop = catalog.frameworks.get('dcms-cop-2018')!;
const set = catalog.mappingSets.get('iotsf-cf-1.1--dcms-cop-2018')!;
const exported = (s: MappingSet = set) =>
  JSON.parse(JSON.stringify(mappingSetToOscal(s, cf, cop, OPTIONS))) as {
    'mapping-collection': OscalMappingCollection;
  };
const IOTASSURE_NS = 'https://iotassure.invalid/ns/oscal';

describe('OSCAL mapping-collection of the CF 1.1 → CoP cross-reference', () => {
  const doc = exported()['mapping-collection'];
  const [mapping] = doc.mappings;
  const maps = mapping?.maps ?? [];

  it.skipIf(!hasSchema)('validates against the OSCAL 1.2.2 complete schema', () => {
    expect(validate(exported())).toEqual([]);
  });

  it('has one map per link of the data file (165), in its order', () => {
    expect(data.links).toHaveLength(165);
    expect(maps).toHaveLength(data.links.length);
    maps.forEach((m, i) => {
      const link = data.links[i]!;
      expect(m.sources).toEqual([
        { type: 'control', 'id-ref': `iotsf-cf-1.1_${link.source.replace('/', '_')}` },
      ]);
      expect(m.targets).toEqual([{ type: 'control', 'id-ref': `dcms-cop-2018_${link.target}` }]);
      expect(m.props).toContainEqual({
        name: 'source-row',
        value: String(link.provenance.row),
        ns: IOTASSURE_NS,
      });
    });
    expect(new Set(maps.map((m) => m.uuid)).size).toBe(maps.length);
  });

  it('states no relationship the source does not: every link is "unspecified" in iotassure’s namespace', () => {
    expect(new Set(data.links.map((l) => l.relationship))).toEqual(new Set(['unspecified']));
    for (const m of maps) {
      expect(m.relationship).toBe('unspecified');
      expect(m.ns).toBe(IOTASSURE_NS);
      expect(m['matching-rationale']).toBeUndefined();
    }
    expect(doc.provenance['matching-rationale']).toBe('functional');
    expect(doc.provenance.remarks).toContain('The source states no matching rationale');
  });

  it('refers only to controls of the exported catalogs, through back-matter resources naming their UUIDs', () => {
    const controlIds = (c: OscalCatalog) =>
      new Set([...(c.groups ?? []).flatMap((g) => g.controls ?? []), ...(c.controls ?? [])].map((x) => x.id));
    const cfCatalog = frameworkToOscal(cf, OPTIONS).catalog;
    const copCatalog = frameworkToOscal(cop, OPTIONS).catalog;
    const cfIds = controlIds(cfCatalog);
    const copIds = controlIds(copCatalog);
    for (const m of maps) {
      expect(cfIds.has(m.sources[0]!['id-ref'])).toBe(true);
      expect(copIds.has(m.targets[0]!['id-ref'])).toBe(true);
    }
    const resources = new Map(doc['back-matter']?.resources?.map((r) => [`#${r.uuid}`, r]));
    const src = resources.get(mapping!['source-resource'].href);
    const tgt = resources.get(mapping!['target-resource'].href);
    expect(src?.props).toContainEqual({ name: 'catalog-uuid', value: cfCatalog.uuid, ns: IOTASSURE_NS });
    expect(tgt?.props).toContainEqual({ name: 'catalog-uuid', value: copCatalog.uuid, ns: IOTASSURE_NS });
  });

  it('lists guideline 10, which no requirement maps to, as a gap, with what the source says', () => {
    expect(data.unmappedTargets.map((u) => u.target)).toEqual(['10']);
    expect(mapping?.['target-gap-summary']?.['unmapped-controls']).toEqual([
      { 'with-ids': ['dcms-cop-2018_10'] },
    ]);
    expect(mapping?.['source-gap-summary']).toBeUndefined();
    expect(mapping?.remarks).toContain(
      'the source says: "This is covered in the IoTSF\'s Best Practice Guide K Logging."',
    );
  });

  it('has a UUID that is stable for unchanged data and changes with the content', () => {
    const again = mappingSetToOscal(set, cf, cop, { ...OPTIONS, lastModified: '2030-01-01T00:00:00Z' });
    expect(again['mapping-collection'].uuid).toBe(doc.uuid);
    const fewer = exported({ ...set, links: set.links.slice(1) })['mapping-collection'];
    expect(fewer.uuid).not.toBe(doc.uuid);
    // A map keeps its UUID across revisions: it names the same link.
    expect(fewer.mappings[0]?.maps[0]?.uuid).toBe(maps[1]?.uuid);
  });
});

describe('OSCAL relationships from NIST IR 8477 data', () => {
  const stated: MappingSet = {
    ...set,
    links: set.links.map((l, i) => ({
      ...l,
      relationship: (['equal', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship'] as const)[
        i % 5
      ]!,
      rationale: 'semantic' as const,
      strength: 7,
    })),
  };
  const doc = exported(stated)['mapping-collection'];

  it('writes each stated relationship with OSCAL’s own value (equal is equal-to) and no namespace', () => {
    const maps = doc.mappings[0]?.maps ?? [];
    expect(maps.slice(0, 5).map((m) => [m.relationship, m.ns])).toEqual([
      ['equal-to', undefined],
      ['subset-of', undefined],
      ['superset-of', undefined],
      ['intersects-with', undefined],
      ['no-relationship', undefined],
    ]);
    expect(maps[0]?.['matching-rationale']).toBe('semantic');
    expect(maps[0]?.props).toContainEqual({ name: 'strength', value: '7', ns: IOTASSURE_NS });
    expect(doc.provenance['matching-rationale']).toBe('semantic');
    expect(doc.provenance.remarks).not.toContain('Relationship "unspecified"');
  });

  it.skipIf(!hasSchema)('validates', () => {
    expect(validate(exported(stated))).toEqual([]);
  });

  it('refuses frameworks that are not the ones the set links', () => {
    expect(() => mappingSetToOscal(set, cop, cf, OPTIONS)).toThrow(MappingExportError);
  });
});
