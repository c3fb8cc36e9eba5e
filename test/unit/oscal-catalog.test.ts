/**
 * The CF 1.1 and CoP frameworks as OSCAL catalogs: valid against the official OSCAL 1.2.2 schema,
 * every item a control whose statement reads back as the data file's text, defects visible, stable UUIDs.
 * Expected values are read from the data files directly, not through iotassure's loader.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import type { Framework } from '../../src/core/catalog/catalog-types.js';
import { frameworkToOscal } from '../../src/exporters/oscal/catalog-to-oscal.js';
import { OscalIdCollision } from '../../src/exporters/oscal/oscal-ids.js';
import { compileOscalValidator, oscalSchemaAvailable } from '../../src/exporters/oscal/oscal-schema.js';
import type { OscalCatalog, OscalControl } from '../../src/exporters/oscal/oscal-types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasSchema = oscalSchemaAvailable();
const validate = hasSchema ? compileOscalValidator() : () => ['no schema'];

interface DataItem {
  id: string;
  number: string | null;
  group: string | null;
  text: string | null;
  priority?: 'top' | null;
  stakeholders?: string[];
  notes: { kind: string; text: string }[];
  variants?: { text: string }[];
  altTitles?: { title: string }[];
}
const cfData = JSON.parse(readFileSync(join(repoRoot, 'data/frameworks/iotsf-cf-1.1.json'), 'utf8')) as {
  groups: { id: string }[];
  items: DataItem[];
};
const copData = parse(readFileSync(join(repoRoot, 'data/frameworks/dcms-cop-2018.yaml'), 'utf8')) as {
  items: DataItem[];
};

/** What a CommonMark reader shows: backslash escapes and the three entities undone (spec §2.4, §2.5). */
function unescapeMarkdown(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const OPTIONS = { lastModified: '2026-12-01T10:00:00.000Z', tool: { name: 'iotassure', version: '0.1.0' } };
const catalog = contextLoader().catalog();
const cf = catalog.frameworks.get('iotsf-cf-1.1')!;
const cop = catalog.frameworks.get('dcms-cop-2018')!;
/** What the CLI writes: the document as JSON, read back. */
const exported = (fw: Framework, options = OPTIONS) =>
  JSON.parse(JSON.stringify(frameworkToOscal(fw, options))) as { catalog: OscalCatalog };

function controlsOf(c: OscalCatalog): OscalControl[] {
  return [...(c.groups ?? []).flatMap((g) => g.controls ?? []), ...(c.controls ?? [])];
}

describe('OSCAL catalogs: schema', () => {
  it.skipIf(!hasSchema)('CF 1.1 and the CoP validate against the OSCAL 1.2.2 complete schema', () => {
    expect(validate(exported(cf))).toEqual([]);
    expect(validate(exported(cop))).toEqual([]);
  });

  it.skipIf(!hasSchema)('the validator does reject a broken catalog', () => {
    const doc = exported(cop);
    const broken = { catalog: { ...doc.catalog, uuid: 'not-a-uuid', groups: [] } };
    expect(validate(broken).join('\n')).toMatch(/\/catalog\/uuid|\/catalog\/groups/);
  });
});

describe('OSCAL catalog of CF 1.1', () => {
  const doc = exported(cf).catalog;
  const controls = controlsOf(doc);
  const byLabelAndText = (item: DataItem) =>
    controls.find((c) => c.id === `iotsf-cf-1.1_${item.id.replace('/', '_')}`);

  it('has one control per requirement of the data file (126) and one group per section (14)', () => {
    expect(cfData.items).toHaveLength(126);
    expect(controls).toHaveLength(cfData.items.length);
    expect(new Set(controls.map((c) => c.id)).size).toBe(126);
    expect(doc.groups?.map((g) => g.id)).toEqual(cfData.groups.map((g) => `iotsf-cf-1.1_${g.id}`));
  });

  it('gives each control its statement, reading back exactly as the data file’s text', () => {
    for (const item of cfData.items) {
      const control = byLabelAndText(item);
      expect(control, item.id).toBeDefined();
      const statement = control?.parts?.find((p) => p.name === 'statement');
      expect(statement?.id).toBe(`${control?.id}_smt`);
      if (item.text === null) expect(statement?.prose).toBeUndefined();
      else expect(unescapeMarkdown(statement?.prose ?? '')).toBe(item.text);
    }
  });

  it('labels each control with its printed number and puts it in its section', () => {
    const c = byLabelAndText({ id: '2.4.7.13' } as DataItem)!;
    expect(c.title).toBe('Requirement 2.4.7.13');
    expect(c.props).toContainEqual({ name: 'label', value: '2.4.7.13' });
    const group = doc.groups?.find((g) => g.controls?.some((x) => x.id === c.id));
    expect(group?.id).toBe('iotsf-cf-1.1_2.4.7');
    expect(group?.title).toBe('Wired and Wireless Interfaces');
  });

  it('keeps the source’s defects visible: the twice-printed 2.4.3.13, the unnumbered requirement, text variants', () => {
    const defectCount = cfData.items.reduce(
      (n, i) => n + i.notes.filter((x) => x.kind === 'defect').length,
      0,
    );
    const defectParts = controls.flatMap((c) => c.parts ?? []).filter((p) => p.name === 'source-defect');
    expect(defectParts).toHaveLength(defectCount);
    expect(defectCount).toBeGreaterThan(0);

    const twins = controls.filter((c) => c.props?.some((p) => p.name === 'label' && p.value === '2.4.3.13'));
    expect(twins.map((c) => c.id)).toEqual(['iotsf-cf-1.1_2.4.3.13_1', 'iotsf-cf-1.1_2.4.3.13_2']);

    const unnumbered = doc.controls ?? [];
    expect(unnumbered.map((c) => c.id)).toEqual(['iotsf-cf-1.1_unnumbered-1']);
    expect(unnumbered[0]?.props?.some((p) => p.name === 'label')).toBe(false);

    const variantCount = cfData.items.reduce((n, i) => n + (i.variants?.length ?? 0), 0);
    expect(controls.flatMap((c) => c.parts ?? []).filter((p) => p.name === 'text-variant')).toHaveLength(
      variantCount,
    );
  });

  it('keeps the section cited by no requirement (2.4.15), with its note', () => {
    const g = doc.groups?.find((x) => x.id === 'iotsf-cf-1.1_2.4.15');
    expect(g?.controls).toBeUndefined();
    expect(g?.parts?.[0]?.prose).toBe('The application note cites no requirement from this section.');
  });

  it('cites the source document with its licence, and keeps the framework notes', () => {
    const [resource] = doc['back-matter']?.resources ?? [];
    expect(resource?.rlinks?.[0]?.href).toBe(
      'https://www.iotsecurityfoundation.org/best-practice-guidelines/',
    );
    expect(resource?.remarks).toMatch(/^Licence: Requirement texts are quoted/);
    expect(doc.metadata.links?.[0]?.href).toBe(`#${resource?.uuid}`);
    expect(doc.metadata.remarks).toContain('Note: This catalog holds only the CF 1.1 requirements');
    expect(doc.metadata['oscal-version']).toBe('1.2.2');
    expect(doc.metadata.version).toBe('1.1');
  });
});

describe('OSCAL catalog of the CoP', () => {
  const doc = exported(cop).catalog;
  const controls = controlsOf(doc);

  it('has the 13 guidelines, titled and stated as the data file says', () => {
    expect(controls.map((c) => c.id)).toEqual(copData.items.map((i) => `dcms-cop-2018_${i.id}`));
    expect(controls).toHaveLength(13);
    for (const [i, item] of copData.items.entries()) {
      const statement = controls[i]?.parts?.find((p) => p.name === 'statement');
      expect(unescapeMarkdown(statement?.prose ?? '')).toBe(item.text);
    }
    expect(controls[0]?.title).toBe('No default passwords');
  });

  it('marks the top-priority guidelines and the stakeholders each applies to', () => {
    const top = controls.filter((c) => c.props?.some((p) => p.name === 'priority' && p.value === 'top'));
    expect(top.map((c) => c.id)).toEqual(
      copData.items.filter((i) => i.priority === 'top').map((i) => `dcms-cop-2018_${i.id}`),
    );
    for (const [i, item] of copData.items.entries()) {
      const stakeholders = controls[i]?.props?.filter((p) => p.name === 'stakeholder').map((p) => p.value);
      expect(stakeholders).toEqual(item.stakeholders);
    }
  });

  it('keeps the application note’s titles as alternative titles', () => {
    const g2 = controls.find((c) => c.id === 'dcms-cop-2018_2');
    const alt = g2?.parts?.find((p) => p.name === 'alternative-title');
    expect(alt?.prose).toBe('disclosure policy');
    expect(g2?.parts?.some((p) => p.name === 'source-defect')).toBe(true);
  });
});

describe('OSCAL catalog UUIDs', () => {
  it('are the same on every export of unchanged data, whatever the time', () => {
    const a = exported(cf).catalog;
    const b = exported(cf, { ...OPTIONS, lastModified: '2027-01-01T00:00:00.000Z' }).catalog;
    expect(b.uuid).toBe(a.uuid);
    expect(b['back-matter']).toEqual(a['back-matter']);
  });

  it('change when the content changes', () => {
    const changed: Framework = {
      ...cop,
      items: cop.items.map((i, n) => (n === 0 ? { ...i, text: `${i.text} (edited)` } : i)),
    };
    expect(exported(changed).catalog.uuid).not.toBe(exported(cop).catalog.uuid);
    expect(exported(cop).catalog.uuid).not.toBe(exported(cf).catalog.uuid);
  });

  it('refuses data whose item ids would collide as OSCAL ids', () => {
    const [first] = cop.items;
    const clash: Framework = {
      ...cop,
      items: [
        { ...first!, id: 'a/b' },
        { ...first!, id: 'a_b' },
      ],
    };
    expect(() => frameworkToOscal(clash, OPTIONS)).toThrow(OscalIdCollision);
  });
});
