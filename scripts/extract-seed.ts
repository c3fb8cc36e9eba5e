/**
 * Extracts the IoTSF Compliance Framework 1.1 requirements and the CF 1.1 → CoP cross-reference
 * from the IoTSF application note of 7 March 2018 (a PDF turned into text) into iotassure data files.
 *
 *   npx tsx scripts/extract-seed.ts [SEED.txt]      # writes data/frameworks/iotsf-cf-1.1.json
 *                                                   #    and data/mappings/iotsf-cf-1.1--dcms-cop-2018.json
 *   npx tsx scripts/extract-seed.ts --check [SEED]  # exits 1 if the committed files differ
 *
 * The extraction is deliberately literal. Every editorial decision is written here, next to the
 * line that makes it, and lands in the data as a visible note — nothing is silently repaired.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './generated-file.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_ID = 'iotsf-appnote-2018-03';
const TABLE = 'Table 1';
const REQUIREMENT_NUMBER = /^2\.4\.\d+\.\d+$/;
const GUIDELINE_NUMBER = /^\d{1,2}$/;
/** Layout debris the PDF conversion left in the guideline-title column (e.g. "2.4." and "]"). */
const STRAY_FRAGMENT = /^[\d.\]]+$/;

interface Row {
  readonly row: number;
  readonly line: number;
  readonly guideline: string;
  readonly number: string | null; // null: the source prints no number; 'N/A' for guideline 10
  text: string;
  readonly notes: { kind: 'note' | 'defect'; text: string }[];
}

interface GuidelineCell {
  readonly guideline: string;
  title: string;
}

function parseTable(seed: string): { rows: Row[]; cells: GuidelineCell[] } {
  const lines = seed.split('\n');
  const start = lines.findIndex(
    (l) => l.includes('DCMS CoP') && l.includes('Compliance Framework Requirement'),
  );
  const end = lines.findIndex((l) => l.startsWith('Table 1: Cross Reference'));
  if (start < 0 || end < 0) throw new Error('seed: Table 1 not found');
  const rows: Row[] = [];
  const cells: GuidelineCell[] = [];
  let guideline: string | null = null;
  // The header spans two lines ("СоР\tDCMS CoP\tReq.\t…" and "No.\tRequirement\tNo."), so start after both.
  for (let i = start + 2; i < end; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const cols = raw.split('\t').map((c) => c.trim());
    const notes: Row['notes'] = [];
    // A new guideline starts with its number in the first column and its title in the second.
    if (GUIDELINE_NUMBER.test(cols[0] ?? '')) {
      guideline = cols[0] as string;
      cells.push({ guideline, title: cols[1] ?? '' });
      cols.splice(0, 2, '', '');
    }
    if (guideline === null) throw new Error(`seed line ${lineNo}: row before the first guideline`);
    const numberAt = cols.findIndex((c) => REQUIREMENT_NUMBER.test(c) || c === 'N/A');
    // Text in the title column before a number is either the guideline title running on (guideline 1)
    // or debris from the PDF conversion.
    const beforeNumber = (numberAt < 0 ? cols.slice(0, -1) : cols.slice(0, numberAt)).filter((c) => c !== '');
    for (const fragment of beforeNumber) {
      if (STRAY_FRAGMENT.test(fragment)) {
        notes.push({
          kind: 'defect',
          text: `The application note has a stray fragment "${fragment}" on this row (line ${lineNo} of its text version), left by the PDF-to-text conversion; it is not part of the requirement.`,
        });
      } else {
        const cell = cells[cells.length - 1];
        if (!cell || cell.guideline !== guideline)
          throw new Error(`seed line ${lineNo}: title text with no guideline`);
        cell.title = `${cell.title} ${fragment}`;
      }
    }
    if (numberAt >= 0) {
      const text = cols
        .slice(numberAt + 1)
        .filter((c) => c !== '')
        .join(' ');
      if (numberAt === 3 && text === '') {
        notes.push({
          kind: 'defect',
          text: `The application note prints this number in the requirement-text column and gives no requirement text (line ${lineNo} of its text version).`,
        });
      }
      rows.push({
        row: rows.length + 1,
        line: lineNo,
        guideline,
        number: cols[numberAt] as string,
        text,
        notes,
      });
      continue;
    }
    // A line with text and no number: the rest of the previous requirement (split by a page break),
    // unless the previous requirement's text is complete, in which case it is a requirement with no number.
    const text = cols.filter((c) => c !== '' && !STRAY_FRAGMENT.test(c)).join(' ');
    const previous = rows[rows.length - 1];
    if (previous && previous.guideline === guideline && !/[.:"]$/.test(previous.text)) {
      previous.text = `${previous.text} ${text}`;
      previous.notes.push(...notes);
      previous.notes.push({
        kind: 'note',
        text: `The application note splits this requirement's text across a page break (lines ${previous.line}–${lineNo} of its text version); it is joined here.`,
      });
    } else {
      notes.push({
        kind: 'defect',
        text: `The application note gives this requirement no number (line ${lineNo} of its text version).`,
      });
      rows.push({ row: rows.length + 1, line: lineNo, guideline, number: null, text, notes });
    }
  }
  return { rows, cells };
}

// ---------------------------------------------------------------------------------------------
// Requirements: one per (number, text), except where the seed prints one requirement's text twice
// with small differences under different guidelines. The only number the seed gives two genuinely
// different requirements is 2.4.3.13 (develop vs publish a conflict-resolution process, both under
// guideline 2); CF release 2.1 renumbers the second as 2.4.3.14.
const SAME_NUMBER_DIFFERENT_REQUIREMENTS = new Set(['2.4.3.13']);

const SECTION_TITLES: Record<string, string> = {
  '2.4.3': 'Business Security Processes and Responsibility',
  '2.4.4': 'Device Hardware & Physical Security',
  '2.4.5': 'Device Software',
  '2.4.6': 'Device Operating System',
  '2.4.7': 'Wired and Wireless Interfaces',
  '2.4.8': 'Authentication and Authorisation',
  '2.4.9': 'Encryption and Key Management for Hardware',
  '2.4.10': 'Web User Interface',
  '2.4.11': 'Mobile Application',
  '2.4.12': 'Privacy',
  '2.4.13': 'Cloud and Network Elements',
  '2.4.14': 'Secure Supply Chain and Production',
  '2.4.15': 'Configuration',
  '2.4.16': 'Device Ownership Transfer',
};

interface ItemOut {
  id: string;
  number: string | null;
  group: string | null;
  text: string | null;
  variants: { text: string; source: string }[];
  notes: { kind: 'note' | 'defect'; text: string }[];
}

function sectionOf(number: string): string {
  return number.split('.').slice(0, 3).join('.');
}

function compareNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function buildItems(rows: Row[]): { items: ItemOut[]; itemOfRow: Map<number, string> } {
  const items: ItemOut[] = [];
  const itemOfRow = new Map<number, string>();
  const byNumber = new Map<string, ItemOut[]>();
  let unnumbered = 0;
  for (const r of rows) {
    if (r.number === 'N/A') continue;
    const rowRef = `${TABLE} row ${r.row} of the IoTSF application note (guideline ${r.guideline})`;
    if (r.number === null) {
      unnumbered += 1;
      const item: ItemOut = {
        id: `unnumbered-${unnumbered}`,
        number: null,
        group: null,
        text: r.text,
        variants: [],
        notes: [
          {
            kind: 'defect',
            text: `The application note gives this requirement no number (${rowRef}), so its CF section is unknown too. It is listed under guideline ${r.guideline}; its internal id is ${`unnumbered-${unnumbered}`}.`,
          },
        ],
      };
      items.push(item);
      itemOfRow.set(r.row, item.id);
      continue;
    }
    const same = byNumber.get(r.number) ?? [];
    const text = r.text === '' ? null : r.text;
    const existing = SAME_NUMBER_DIFFERENT_REQUIREMENTS.has(r.number)
      ? same.find((i) => i.text === text)
      : same[0];
    if (existing) {
      if (existing.text !== text && text !== null && !existing.variants.some((v) => v.text === text)) {
        existing.variants.push({ text, source: rowRef });
      }
      itemOfRow.set(r.row, existing.id);
      continue;
    }
    const item: ItemOut = {
      id: r.number,
      number: r.number,
      group: sectionOf(r.number),
      text,
      variants: [],
      notes: [],
    };
    same.push(item);
    byNumber.set(r.number, same);
    items.push(item);
    itemOfRow.set(r.row, item.id);
  }
  // Distinct internal ids for a number carried by two requirements; both still display the printed number.
  for (const [number, list] of byNumber) {
    if (list.length < 2) continue;
    list.forEach((item, index) => {
      item.id = `${number}/${index + 1}`;
    });
    for (const item of list) {
      item.notes.push({
        kind: 'defect',
        text: `The application note prints ${number} for ${list.length} different requirements (${list.map((i) => `"${i.text}"`).join(' and ')}). They are kept as two requirements with internal ids ${list.map((i) => i.id).join(' and ')}, both shown as ${number}. In CF release 2.1 the second one is numbered 2.4.3.14.`,
      });
    }
    for (const r of rows) {
      const id = itemOfRow.get(r.row);
      if (id === number) itemOfRow.set(r.row, list.find((i) => i.text === r.text)?.id ?? id);
    }
  }
  for (const item of items) {
    if (item.text === null) {
      item.notes.push({
        kind: 'defect',
        text: `The application note lists ${item.number} with no requirement text; iotassure does not invent one. Assess it against the CF document itself.`,
      });
    }
    if (item.variants.length > 0) {
      item.notes.push({
        kind: 'defect',
        text: `The application note prints this requirement's text differently where it appears more than once; the first occurrence is used as its text and the others are kept as variants.`,
      });
    }
  }
  // Row notes (stray fragments, page-break joins) travel with the item too, so a user sees them.
  for (const r of rows) {
    const id = itemOfRow.get(r.row);
    const item = items.find((i) => i.id === id);
    if (!item) continue;
    for (const note of r.notes) {
      if (note.text.startsWith('The seed gives this requirement no number')) continue;
      if (note.text.startsWith('The seed prints this number in the requirement-text column')) {
        item.notes.push({
          ...note,
          text: `${note.text.replace(' (line', ` under guideline ${r.guideline} (line`)}`,
        });
        continue;
      }
      item.notes.push(note);
    }
  }
  items.sort((a, b) => {
    if (a.number === null || b.number === null) return a.number === null ? 1 : -1;
    return compareNumbers(a.number, b.number) || a.id.localeCompare(b.id);
  });
  return { items, itemOfRow };
}

function brokenReferenceNotes(items: ItemOut[]): void {
  for (const item of items) {
    for (const text of [item.text, ...item.variants.map((v) => v.text)]) {
      if (!text) continue;
      // A closing bracket with no opening one: "NIST 800-131A 2]" and "[2].]." in the seed.
      const opens = (text.match(/\[/g) ?? []).length;
      const closes = (text.match(/]/g) ?? []).length;
      if (opens !== closes) {
        item.notes.push({
          kind: 'defect',
          text: `The application note's text has an unbalanced bracketed reference ("${text.match(/[^ ]*\]+[^ ]*/)?.[0]}"); it is kept as printed.`,
        });
        break;
      }
    }
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const seedPath =
    args.find((a) => !a.startsWith('--')) ?? join(ROOT, '..', 'shared', 'seeds', '000_de34562213bdb5c2.txt');
  const seed = readFileSync(seedPath, 'utf8');
  const { rows, cells } = parseTable(seed);
  const { items, itemOfRow } = buildItems(rows);
  brokenReferenceNotes(items);

  const sections = [...new Set(items.filter((i) => i.group).map((i) => i.group as string))].sort(
    compareNumbers,
  );
  const framework = {
    $schema: '../../schemas/framework.schema.json',
    kind: 'framework',
    id: 'iotsf-cf-1.1',
    title: 'IoT Security Compliance Framework',
    shortTitle: 'IoTSF Compliance Framework 1.1',
    version: '1.1',
    publisher: 'IoT Security Foundation',
    publicationDate: '2018-03-07',
    source: {
      title:
        "Application Note: Mapping the IoT Security Foundation's Compliance Framework to the DCMS proposed Code of Practice for Security in Consumer IoT (IoTSF Working Group Document, 7 March 2018), Table 1",
      url: 'https://www.iotsecurityfoundation.org/best-practice-guidelines/',
      file: 'seeds/000_de34562213bdb5c2.txt',
    },
    licence:
      'Requirement texts are quoted from the IoT Security Foundation application note for reference; copyright remains with the IoT Security Foundation.',
    itemLabel: 'requirement',
    notes: [
      {
        kind: 'note',
        text: 'This catalog holds only the CF 1.1 requirements that the application note cross-references to the Code of Practice (126 requirements), not the whole Compliance Framework. Texts are exactly as printed in the application note, which is a PDF turned into text.',
      },
      {
        kind: 'note',
        text: "The publication date is the application note's (7 March 2018); CF release 1.1 itself was published earlier.",
      },
      {
        kind: 'note',
        text: 'Bracketed numbers such as [5] or [26] refer to the reference list of the Compliance Framework itself, which the application note does not reproduce.',
      },
      {
        kind: 'note',
        text: 'Section titles are not printed in the application note; they are the Compliance Framework section headings (2.4.3 to 2.4.16) as known to the iotassure maintainers, not yet checked against the CF 1.1 document.',
      },
    ],
    groups: sections.map((id) => ({
      id,
      number: id,
      title: SECTION_TITLES[id] ?? id,
      parent: null,
      notes: [],
    })),
    items: items.map((i) => ({ ...i, title: null })),
  };
  // Sections the note never cites (2.4.15) are still part of the CF's structure; list them so the
  // section filter shows them with no requirements rather than pretending they do not exist.
  for (const id of Object.keys(SECTION_TITLES)) {
    if (!framework.groups.some((g) => g.id === id)) {
      framework.groups.push({
        id,
        number: id,
        title: SECTION_TITLES[id] as string,
        parent: null,
        notes: [{ kind: 'note', text: 'The application note cites no requirement from this section.' }],
      } as never);
    }
  }
  framework.groups.sort((a, b) => compareNumbers(a.id, b.id));

  const links = rows
    .filter((r) => r.number !== 'N/A')
    .map((r) => {
      const id = itemOfRow.get(r.row) as string;
      const item = items.find((i) => i.id === id) as ItemOut;
      return {
        source: id,
        target: r.guideline,
        relationship: 'unspecified',
        rationale: null,
        strength: null,
        provenance: {
          document: SEED_ID,
          table: TABLE,
          row: r.row,
          line: r.line,
          // Keep the row's own printed text wherever it differs from the item's canonical text.
          text: r.text !== (item.text ?? '') ? r.text : null,
          notes: r.notes,
        },
      };
    });
  const na = rows.filter((r) => r.number === 'N/A');
  const mapping = {
    $schema: '../../schemas/mapping-set.schema.json',
    kind: 'mapping-set',
    id: 'iotsf-cf-1.1--dcms-cop-2018',
    title:
      'IoTSF Compliance Framework 1.1 → UK Code of Practice for Consumer IoT Security (IoTSF application note, Table 1)',
    sourceFramework: 'iotsf-cf-1.1',
    targetFramework: 'dcms-cop-2018',
    source: {
      title: framework.source.title,
      publisher: 'IoT Security Foundation',
      date: '2018-03-07',
      url: framework.source.url,
      file: framework.source.file,
    },
    notes: [
      {
        kind: 'note',
        text: 'The application note says only that a CF requirement helps meet a CoP guideline; it states no set-theory relationship, so every link is recorded as "unspecified".',
      },
      {
        kind: 'note',
        text: "The application note maps to the March 2018 proposed Code of Practice; the guideline numbers are unchanged in the final October 2018 Code. The note's guideline titles are kept as alternative titles of the CoP guidelines.",
      },
    ],
    links,
    unmappedTargets: na.map((r) => ({
      target: r.guideline,
      note: r.text,
      provenance: {
        document: SEED_ID,
        table: TABLE,
        row: r.row,
        line: r.line,
        text: `N/A\t${r.text}`,
        notes: [],
      },
    })),
  };

  const outputs: [string, unknown][] = [
    [join(ROOT, 'data', 'frameworks', 'iotsf-cf-1.1.json'), framework],
    [join(ROOT, 'data', 'mappings', 'iotsf-cf-1.1--dcms-cop-2018.json'), mapping],
  ];
  let differs = false;
  for (const [path, value] of outputs) {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    if (!writeOrCheck(path, text, check)) {
      differs = true;
      console.error(`${path} differs from a fresh extraction of ${seedPath}`);
    }
  }
  // Guideline cells, printed for the CoP data file's altTitles (kept there, by hand, with the final titles).
  if (!check) for (const c of cells) console.log(`guideline ${c.guideline}: ${JSON.stringify(c.title)}`);
  process.exitCode = differs ? 1 : 0;
}

main();
