/**
 * The brief's catalog facts, proved twice: once from the loaded catalog, and once by parsing the
 * seed text file directly with independent logic (skipped when the seed is not checked out).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog-files/load-catalog.js';
import type { Catalog } from '../../src/core/catalog/catalog.js';
import type { Framework, Item, MappingSet, Note } from '../../src/core/catalog/catalog-types.js';
import { CF_SECTIONS } from '../fixtures/cf-sections.js';

const seedPath = fileURLToPath(new URL('../../../shared/seeds/000_de34562213bdb5c2.txt', import.meta.url));
const hasSeed = existsSync(seedPath);

const GUIDELINES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'];
const ROWS_PER_GUIDELINE = [11, 12, 9, 21, 35, 33, 10, 12, 2, 1, 10, 3, 6];

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const sectionOf = (n: string) => n.split('.').slice(0, 3).join('.');
const bySection = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

let catalog: Catalog;
let cf: Framework;
let cop: Framework;
let mapping: MappingSet;
let cfById: Map<string, Item>;

beforeAll(() => {
  catalog = loadCatalog();
  cf = catalog.frameworks.get('iotsf-cf-1.1')!;
  cop = catalog.frameworks.get('dcms-cop-2018')!;
  mapping = catalog.mappingSets.get('iotsf-cf-1.1--dcms-cop-2018')!;
  cfById = new Map(cf.items.map((i) => [i.id, i]));
});

/** The seed's printed number of each mapped requirement, or null when it prints none. */
function numberOf(id: string): string | null {
  const item = cfById.get(id);
  if (!item) throw new Error(`link to unknown item ${id}`);
  return item.number;
}

describe('the loaded catalog', () => {
  it('has the three frameworks/mapping parts the engine needs', () => {
    expect(cf).toBeDefined();
    expect(cop).toBeDefined();
    expect(mapping).toBeDefined();
    expect(mapping.sourceFramework).toBe('iotsf-cf-1.1');
    expect(mapping.targetFramework).toBe('dcms-cop-2018');
  });

  it('has 165 numbered rows: links with a printed number plus the one N/A unmapped target', () => {
    const numberedLinks = mapping.links.filter((l) => numberOf(l.source) !== null);
    expect(numberedLinks.length).toBe(164);
    expect(mapping.unmappedTargets.length).toBe(1);
    expect(numberedLinks.length + mapping.unmappedTargets.length).toBe(165);
  });

  it('has 11,12,9,21,35,33,10,12,2,1,10,3,6 numbered rows per guideline', () => {
    const counts = GUIDELINES.map(
      (g) =>
        mapping.links.filter((l) => l.target === g && numberOf(l.source) !== null).length +
        mapping.unmappedTargets.filter((u) => u.target === g).length,
    );
    expect(counts).toEqual(ROWS_PER_GUIDELINE);
    // Guideline 10's single row is the N/A one: no link at all.
    expect(mapping.links.filter((l) => l.target === '10')).toEqual([]);
    expect(mapping.unmappedTargets.map((u) => u.target)).toEqual(['10']);
  });

  it('has exactly one unnumbered requirement, mapped only to guideline 6', () => {
    const unnumberedItems = cf.items.filter((i) => i.number === null);
    expect(unnumberedItems.map((i) => i.id)).toEqual(['unnumbered-1']);
    const unnumberedLinks = mapping.links.filter((l) => numberOf(l.source) === null);
    expect(unnumberedLinks.map((l) => [l.source, l.target])).toEqual([['unnumbered-1', '6']]);
  });

  it('has 126 requirements, 124 distinct printed numbers, and unique ids', () => {
    expect(cf.items.length).toBe(126);
    expect(new Set(cf.items.map((i) => i.id)).size).toBe(126);
    const numbers = new Set(cf.items.map((i) => i.number).filter((n): n is string => n !== null));
    expect(numbers.size).toBe(124);
  });

  it('maps every requirement at least once and links only known items', () => {
    const linked = new Set(mapping.links.map((l) => l.source));
    expect([...cfById.keys()].filter((id) => !linked.has(id))).toEqual([]);
    const copIds = new Set(cop.items.map((i) => i.id));
    for (const l of mapping.links) {
      expect(cfById.has(l.source), l.source).toBe(true);
      expect(copIds.has(l.target), l.target).toBe(true);
    }
  });

  it('has 37 printed numbers mapped to more than one guideline', () => {
    const targets = new Map<string, Set<string>>();
    for (const l of mapping.links) {
      const n = numberOf(l.source);
      if (n === null) continue;
      const set = targets.get(n) ?? new Set<string>();
      set.add(l.target);
      targets.set(n, set);
    }
    expect(targets.size).toBe(124);
    expect([...targets.values()].filter((s) => s.size > 1).length).toBe(37);
  });

  it('uses sections 2.4.3–2.4.14 and 2.4.16, none from 2.4.15', () => {
    const numbered = cf.items.filter((i) => i.number !== null);
    const sections = [...new Set(numbered.map((i) => sectionOf(i.number!)))].sort(bySection);
    expect(sections).toEqual(CF_SECTIONS);
    expect(sections).not.toContain('2.4.15');
    // Each numbered item's group is the section its number is in.
    for (const item of numbered) expect(item.group, item.id).toBe(sectionOf(item.number!));
    const usedGroups = new Set(cf.items.map((i) => i.group).filter((g) => g !== null));
    expect(usedGroups.has('2.4.15')).toBe(false);
  });

  it('records every link as "unspecified" (the seed states no relationship type)', () => {
    expect(new Set(mapping.links.map((l) => l.relationship))).toEqual(new Set(['unspecified']));
  });
});

describe('seed defects are kept visible as defect notes', () => {
  const defects = (notes: readonly Note[]) => notes.filter((n) => n.kind === 'defect');

  it('2.4.3.13 twice: two requirements 2.4.3.13/1 and 2.4.3.13/2, both printed 2.4.3.13', () => {
    const shared = cf.items.filter((i) => i.number === '2.4.3.13');
    expect(shared.map((i) => i.id)).toEqual(['2.4.3.13/1', '2.4.3.13/2']);
    expect(shared[0]?.text).toContain('develop a conflict resolution process');
    expect(shared[1]?.text).toContain('publish the organisation');
    expect(shared[0]?.text).not.toBe(shared[1]?.text);
    for (const item of shared) {
      expect(defects(item.notes).length, item.id).toBeGreaterThan(0);
      expect(defects(item.notes).some((n) => n.text.includes('2.4.3.13'))).toBe(true);
    }
    // Both are mapped to guideline 2.
    for (const id of ['2.4.3.13/1', '2.4.3.13/2'])
      expect(mapping.links.filter((l) => l.source === id).map((l) => l.target)).toEqual(['2']);
  });

  it('2.4.8.13 has null text and a defect note', () => {
    const item = cfById.get('2.4.8.13')!;
    expect(item.number).toBe('2.4.8.13');
    expect(item.text).toBeNull();
    expect(defects(item.notes).length).toBeGreaterThan(0);
    expect(mapping.links.filter((l) => l.source === '2.4.8.13').map((l) => l.target)).toEqual(['1']);
  });

  it('the unnumbered requirement under guideline 6 carries a defect note', () => {
    const item = cfById.get('unnumbered-1')!;
    expect(item.number).toBeNull();
    expect(item.text).toMatch(/^If the product has any port\(s\) that are not required/);
    expect(defects(item.notes).length).toBeGreaterThan(0);
  });

  it('2.4.7.7 keeps its other wording (punctuation) as a variant, with a defect note', () => {
    const item = cfById.get('2.4.7.7')!;
    expect(item.variants.length).toBe(1);
    expect(item.text).toContain('from serial numbers. Examples');
    expect(item.variants[0]?.text).toContain('from serial numbers Examples');
    expect(defects(item.notes).length).toBeGreaterThan(0);
  });

  it('2.4.9.9 keeps "[5]" vs "[ref 5]" as a variant, with a defect note', () => {
    const item = cfById.get('2.4.9.9')!;
    const texts = [item.text, ...item.variants.map((v) => v.text)];
    expect(texts.some((t) => t?.includes('FIPS 140 [ref 5]'))).toBe(true);
    expect(texts.some((t) => t?.includes('FIPS 140 [5]'))).toBe(true);
    expect(defects(item.notes).length).toBeGreaterThan(0);
  });

  it('stray fragments and broken bracketed references are noted as defects', () => {
    expect(defects(cfById.get('2.4.7.12')!.notes).some((n) => n.text.includes('"2.4."'))).toBe(true);
    expect(defects(cfById.get('2.4.5.22')!.notes).some((n) => n.text.includes('"]"'))).toBe(true);
    const broken = cfById.get('2.4.7.15')!;
    expect(broken.text).toContain('NIST 800-131A 2]');
    expect(defects(broken.notes).length).toBeGreaterThan(0);
  });

  it('guideline 2 keeps the seed title "disclosure policy" as an alt title, with a defect note', () => {
    const g2 = cop.items.find((i) => i.id === '2')!;
    expect(g2.title).toBe('Implement a vulnerability disclosure policy');
    expect(g2.altTitles.map((a) => a.title)).toContain('disclosure policy');
    expect(defects(g2.notes).some((n) => n.text.includes('disclosure policy'))).toBe(true);
  });

  it('guideline 10 is unmapped, with the note pointing to the logging best-practice guide', () => {
    const unmapped = mapping.unmappedTargets.find((u) => u.target === '10')!;
    expect(unmapped).toBeDefined();
    expect(unmapped.note).toMatch(/Best Practice Guide/);
    expect(unmapped.note).toMatch(/Logging/);
  });
});

describe('the CoP guideline data', () => {
  const DM = 'device-manufacturers';
  const SP = 'iot-service-providers';
  const MAD = 'mobile-application-developers';
  const R = 'retailers';
  const STAKEHOLDERS: Record<string, string[]> = {
    '1': [DM],
    '2': [DM, SP, MAD],
    '3': [DM, SP, MAD],
    '4': [DM, SP, MAD],
    '5': [DM, SP, MAD],
    '6': [DM, SP],
    '7': [DM],
    '8': [DM, SP, MAD, R],
    '9': [DM, SP],
    '10': [SP],
    '11': [DM, SP, MAD],
    '12': [DM, SP, MAD],
    '13': [DM, SP, MAD],
  };

  it('has 13 guidelines numbered 1..13', () => {
    expect(cop.items.map((i) => i.id)).toEqual(GUIDELINES);
    expect(cop.items.map((i) => i.number)).toEqual(GUIDELINES);
  });

  it('has the stakeholders of each guideline as the brief tabulates them', () => {
    for (const item of cop.items) {
      expect([...item.stakeholders].sort(), `guideline ${item.id}`).toEqual(
        [...(STAKEHOLDERS[item.id] ?? [])].sort(),
      );
    }
  });

  it('gives priority top to guidelines 1, 2 and 3 only', () => {
    expect(cop.items.filter((i) => i.priority === 'top').map((i) => i.id)).toEqual(['1', '2', '3']);
    for (const item of cop.items.slice(3)) expect(item.priority).toBeNull();
  });

  it('uses the final title of guideline 12', () => {
    expect(cop.items.find((i) => i.id === '12')?.title).toBe(
      'Make installation and maintenance of devices easy',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Independent parse of the seed's Table 1.

interface SeedRow {
  readonly guideline: string;
  /** The printed requirement number, 'N/A', or null for an unnumbered requirement. */
  readonly number: string | null;
  text: string;
  /** 1-based line of the row in the seed file. */
  readonly line: number;
}

interface SeedTable {
  readonly rows: SeedRow[];
  readonly titles: Map<string, string>;
}

const NUMBER = /^(2\.4\.\d+\.\d+|N\/A)$/;
/** A field with no letters, such as the stray "2.4." or "]" fragments. */
const FRAGMENT = /^[^A-Za-z]*$/;

function parseSeedTable(text: string): SeedTable {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes('Compliance Framework Requirement'));
  const end = lines.findIndex((l) => l.startsWith('Table 1:'));
  if (start < 0 || end < 0) throw new Error('Table 1 not found in the seed');
  const rows: SeedRow[] = [];
  const titles = new Map<string, string>();
  let guideline: string | null = null;
  for (let i = start + 1; i < end; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '') continue;
    let fields = raw.split('\t');
    if (/^\d{1,2}$/.test(fields[0] ?? '') && fields.length >= 3) {
      guideline = fields[0]!;
      titles.set(guideline, (fields[1] ?? '').trim());
      fields = fields.slice(2);
    } else if (
      guideline !== null &&
      fields[0] === '' &&
      /[A-Za-z]/.test(fields[1] ?? '') &&
      NUMBER.test((fields[2] ?? '').trim())
    ) {
      // The guideline title continues on the next line (guideline 1).
      titles.set(guideline, `${titles.get(guideline)} ${(fields[1] ?? '').trim()}`);
      fields = fields.slice(2);
    }
    if (guideline === null) continue;
    const k = fields.findIndex((f) => NUMBER.test(f.trim()));
    if (k >= 0) {
      rows.push({
        guideline,
        number: fields[k]!.trim(),
        text: fields
          .slice(k + 1)
          .join(' ')
          .trim(),
        line: i + 1,
      });
      continue;
    }
    const rest = fields
      .map((f) => f.trim())
      .filter((f) => f !== '' && !FRAGMENT.test(f))
      .join(' ');
    if (rest === '') continue;
    const previous = rows[rows.length - 1];
    if (previous && previous.text !== '' && !/[.:"]$/.test(previous.text)) {
      // A requirement's text continued after a page break.
      previous.text = `${previous.text} ${rest}`;
    } else {
      rows.push({ guideline, number: null, text: rest, line: i + 1 });
    }
  }
  return { rows, titles };
}

describe.skipIf(!hasSeed)('the seed, parsed independently, agrees with the catalog', () => {
  let seedText: string;
  let table: SeedTable;
  let numberedRows: SeedRow[];

  beforeAll(() => {
    seedText = readFileSync(seedPath, 'utf8');
    table = parseSeedTable(seedText);
    numberedRows = table.rows.filter((r) => r.number !== null);
  });

  it('has 165 numbered rows including one N/A, and one unnumbered row under guideline 6', () => {
    expect(numberedRows.length).toBe(165);
    expect(numberedRows.filter((r) => r.number === 'N/A').map((r) => r.guideline)).toEqual(['10']);
    expect(table.rows.filter((r) => r.number === null).map((r) => r.guideline)).toEqual(['6']);
    expect(table.rows.find((r) => r.number === null)?.text).toMatch(/^If the product has any port\(s\)/);
  });

  it('has 11,12,9,21,35,33,10,12,2,1,10,3,6 numbered rows per guideline', () => {
    expect(GUIDELINES.map((g) => numberedRows.filter((r) => r.guideline === g).length)).toEqual(
      ROWS_PER_GUIDELINE,
    );
  });

  it('has 124 distinct numbers, 37 mapped to more than one guideline, from the expected sections', () => {
    const targets = new Map<string, Set<string>>();
    for (const r of numberedRows) {
      if (r.number === 'N/A' || r.number === null) continue;
      const set = targets.get(r.number) ?? new Set<string>();
      set.add(r.guideline);
      targets.set(r.number, set);
    }
    expect(targets.size).toBe(124);
    expect([...targets.values()].filter((s) => s.size > 1).length).toBe(37);
    expect([...new Set([...targets.keys()].map(sectionOf))].sort(bySection)).toEqual(CF_SECTIONS);
  });

  it('prints 2.4.3.13 twice with two texts and 2.4.8.13 with none', () => {
    const twice = numberedRows.filter((r) => r.number === '2.4.3.13');
    expect(twice.length).toBe(2);
    expect(new Set(twice.map((r) => normalise(r.text))).size).toBe(2);
    expect(numberedRows.filter((r) => r.number === '2.4.8.13').map((r) => [r.guideline, r.text])).toEqual([
      ['1', ''],
    ]);
    expect(table.titles.get('2')).toBe('disclosure policy');
  });

  it('gives 126 distinct requirements: every row matches one catalog item and every item is matched', () => {
    const matched = new Set<string>();
    for (const r of table.rows) {
      if (r.number === 'N/A') continue;
      const candidates = cf.items.filter((i) => i.number === r.number);
      const item =
        candidates.length === 1
          ? candidates[0]
          : candidates.find((i) => i.text !== null && normalise(i.text) === normalise(r.text));
      expect(item, `seed line ${r.line}`).toBeDefined();
      matched.add(item!.id);
    }
    expect(matched.size).toBe(126);
    expect(cf.items.filter((i) => !matched.has(i.id)).map((i) => i.id)).toEqual([]);
  });

  it('the catalog links are the seed rows, in order, with the same guideline, number, row and line', () => {
    // Rows as the catalog counts them: every printed row, numbered or not, N/A included.
    const linkRows = [
      ...mapping.links.map((l) => ({
        row: l.provenance.row,
        line: l.provenance.line,
        guideline: l.target,
        number: numberOf(l.source),
      })),
      ...mapping.unmappedTargets.map((u) => ({
        row: u.provenance.row,
        line: u.provenance.line,
        guideline: u.target,
        number: 'N/A' as string | null,
      })),
    ].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    expect(linkRows.length).toBe(table.rows.length);
    table.rows.forEach((r, i) => {
      expect(linkRows[i], `seed row ${i + 1}`).toEqual({
        row: i + 1,
        line: r.line,
        guideline: r.guideline,
        number: r.number,
      });
    });
  });

  it('every catalog requirement text and variant appears verbatim (whitespace-normalised) in the seed', () => {
    const seed = normalise(seedText);
    const missing: string[] = [];
    for (const item of cf.items) {
      for (const t of [item.text, ...item.variants.map((v) => v.text)]) {
        if (t !== null && !seed.includes(normalise(t))) missing.push(item.id);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the seed guideline titles are kept as the CoP alt titles from the application note', () => {
    for (const item of cop.items) {
      const alt = item.altTitles.find((a) => a.source === 'iotsf-appnote-2018-03');
      expect(alt?.title, `guideline ${item.id}`).toBe(table.titles.get(item.id));
    }
  });

  it('the guideline 10 N/A note is the seed text', () => {
    const na = numberedRows.find((r) => r.number === 'N/A')!;
    expect(normalise(na.text)).toBe(normalise(mapping.unmappedTargets[0]!.note));
  });
});
