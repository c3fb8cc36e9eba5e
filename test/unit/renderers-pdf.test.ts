/**
 * The PDF renderer. The bytes are checked everywhere (header, trailer, metadata, fonts, links,
 * reproducibility); the text and metadata a reader sees are checked with poppler's pdftotext and
 * pdfinfo, which CI installs (the tests that need them are skipped, with a note, where they are
 * missing). Expected values come from the assessment files, hashes computed here, or literals.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAssessmentFile } from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import { buildReport, type Report } from '../../src/core/report/report-model.js';
import { fontData, withoutLayoutTables } from '../../src/renderers/pdf/fonts.js';
import { layoutLines, pdfText, TextMeasure } from '../../src/renderers/pdf/text-layout.js';
import { renderPdf } from '../../src/renderers/pdf-renderer.js';
import { RENDERERS } from '../../src/renderers/registry.js';
import { BINARY_FORMATS, REPORT_FORMATS } from '../../src/renderers/renderer.js';
import { HOSTILE_NAMES, reportFromYaml } from '../fixtures/report-fixture.js';

const POPPLER = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
if (!POPPLER) console.warn('pdftotext/pdfinfo (poppler-utils) not found: PDF text checks are skipped');

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-pdf-'));
const loader = contextLoader();
const GENERATED = '2026-12-01T10:00:00.000Z';

function reportOfFile(file: string): Report {
  const r = readAssessmentFile(file, loader.contextFor, { checkEvidence: true });
  if (!r.assessment || !r.evaluation) throw new Error(`${file} is invalid`);
  return buildReport({
    ctx: loader.contextFor(undefined),
    assessment: r.assessment,
    evaluation: r.evaluation,
    generatedAt: GENERATED,
    tool: { name: 'iotassure', version: '0.1.0' },
  });
}

async function pdfFile(name: string, report: Report): Promise<{ path: string; bytes: Buffer }> {
  const bytes = Buffer.from(await renderPdf(report, { color: false }));
  const path = join(tmp, `${name}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

/** All the text of the PDF (or of pages first..last), as pdftotext extracts it. */
function pdfToText(path: string, pages?: [number, number]): string {
  const range = pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : [];
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', ...range, path, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function pdfInfo(path: string): Record<string, string> {
  const r = spawnSync('pdfinfo', ['-enc', 'UTF-8', '-isodates', path], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return Object.fromEntries(
    r.stdout
      .split('\n')
      .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, m[2] as string]),
  );
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/**
 * A document information entry read from the PDF bytes: `/Key N 0 R`, object N a literal string,
 * unescaped, and decoded from UTF-16BE when it starts with a byte-order mark (PDF 1.7, 7.9.2).
 */
function infoEntry(pdf: string, key: string): string | null {
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(pdf)?.[1];
  if (!ref) return null;
  const body = new RegExp(`\n${ref} 0 obj\n\\(((?:\\\\.|[^\\\\)])*)\\)\nendobj`, 's').exec(pdf)?.[1];
  if (body === undefined) return null;
  const bytes = body.replace(/\\([0-7]{1,3}|.)/gs, (_, e: string) => {
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  });
  if (!bytes.startsWith('\u00fe\u00ff')) return bytes;
  const buf = Buffer.from(bytes.slice(2), 'latin1');
  return buf.swap16().toString('utf16le');
}

const EXAMPLES = ['wifi-camera', 'smart-plug', 'ble-wearable'] as const;
const rendered = new Map<string, { report: Report; path: string; bytes: Buffer }>();

/** A report whose product name, manufacturer and one justification are the hostile string. */
const hostileReport = (name: string) =>
  reportFromYaml(
    `iotassure: 1\nproduct: { name: ${JSON.stringify(name)}, manufacturer: ${JSON.stringify(name)} }\nrequirements:\n  2.4.8.4: { status: compliant, justification: ${JSON.stringify(name)} }\n`,
  );

beforeAll(async () => {
  for (const name of EXAMPLES) {
    const report = reportOfFile(`examples/${name}/assessment.yaml`);
    rendered.set(name, { report, ...(await pdfFile(name, report)) });
  }
  for (const [i, name] of HOSTILE_NAMES.entries()) {
    const report = hostileReport(name);
    rendered.set(name, { report, ...(await pdfFile(`hostile-${i}`, report)) });
  }
}, 180_000);

const example = (name: string) => {
  const e = rendered.get(name);
  if (!e) throw new Error(`${name} was not rendered`);
  return e;
};

describe('PDF renderer: the bytes', () => {
  it('is registered as a binary report format', async () => {
    expect(REPORT_FORMATS).toContain('pdf');
    expect(BINARY_FORMATS).toContain('pdf');
    expect(await RENDERERS.pdf()).toBe(renderPdf);
  });

  it('is a complete PDF: header, cross-reference table, trailer, end-of-file marker', () => {
    const { bytes } = example('wifi-camera');
    const text = bytes.toString('latin1');
    expect(text.startsWith('%PDF-1.7\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toMatch(/\nxref\n0 \d+\n/);
    expect(text).toMatch(
      /\ntrailer\n<<[\s\S]*\/Root \d+ 0 R[\s\S]*\/Info \d+ 0 R[\s\S]*>>\nstartxref\n\d+\n%%EOF/,
    );
  });

  it('has many A4 pages, document information and its dates from the report', () => {
    const { bytes } = example('wifi-camera');
    const text = bytes.toString('latin1');
    const pages = text.match(/\/Type \/Page\n/g) ?? [];
    expect(pages.length).toBeGreaterThan(20);
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(infoEntry(text, 'Title')).toBe('Acme Cams Indoor 2K — security compliance report');
    expect(infoEntry(text, 'Author')).toBe('Acme Cams Ltd (fictional)');
    expect(infoEntry(text, 'Creator')).toBe('iotassure 0.1.0');
    expect(infoEntry(text, 'CreationDate')).toBe('D:20261201100000Z');
    expect(infoEntry(text, 'ModDate')).toBe('D:20261201100000Z');
    expect(text).toContain('/Lang (en-GB)');
  });

  it('embeds subsets of the DejaVu fonts and no standard (WinAnsi-only) font', () => {
    const text = example('wifi-camera').bytes.toString('latin1');
    const fonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2]);
    expect(new Set(fonts)).toEqual(
      new Set([
        'DejaVuSansCondensed',
        'DejaVuSansCondensed-Bold',
        'DejaVuSansCondensed-Oblique',
        'DejaVuSansMono',
      ]),
    );
    expect(text).toContain('/FontFile2');
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('gives the same bytes for the same report', async () => {
    const { report, bytes } = example('smart-plug');
    const again = Buffer.from(await renderPdf(report, { color: false }));
    expect(again.equals(bytes)).toBe(true);
  }, 60_000);

  it('has no script, launch action or form; links are only http(s)', () => {
    for (const name of EXAMPLES) {
      const text = example(name).bytes.toString('latin1');
      expect(text).not.toMatch(/\/(JavaScript|JS|Launch|OpenAction|AA|AcroForm|EmbeddedFile)\b/);
      const uris = [...text.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
      expect(uris.length).toBeGreaterThan(0);
      for (const u of uris) expect(u).toMatch(/^https?:\/\//);
    }
  });

  it.each(HOSTILE_NAMES)(
    'keeps the hostile product name %s as plain text in the document information',
    (name) => {
      const pdf = example(name).bytes.toString('latin1');
      expect(infoEntry(pdf, 'Title')).toBe(`${name} — security compliance report`);
      expect(infoEntry(pdf, 'Author')).toBe(name);
      expect(pdf).not.toMatch(/\/(JavaScript|JS|Launch|OpenAction|AA|AcroForm)\b/);
    },
  );

  it('links within the document only to destinations it defines', () => {
    const text = example('wifi-camera').bytes.toString('latin1');
    const targets = new Set([...text.matchAll(/\/S \/GoTo\n\/D \(([^)]*)\)/g)].map((m) => m[1]));
    expect(targets.size).toBeGreaterThan(100);
    const defined = new Set([...text.matchAll(/\n {4}\(([^)]*)\) \[\d+ 0 R \/XYZ /g)].map((m) => m[1]));
    expect(defined.size).toBeGreaterThan(100);
    for (const t of targets) expect(defined.has(t), t).toBe(true);
  });
});

describe('PDF text and fonts', () => {
  it('strips control characters and bidirectional overrides, keeps line breaks', () => {
    expect(pdfText('a\u0007b\u001b[31mc\r\nd\u202eevil\u2066e\tf')).toBe('a b [31mc\ndevile f');
  });

  it('keeps the kerning of DejaVu after dropping its OpenType layout tables', () => {
    const font = fontData().regular;
    const tags = (b: Buffer) =>
      Array.from({ length: b.readUInt16BE(4) }, (_, i) => b.toString('latin1', 12 + 16 * i, 16 + 16 * i));
    const original = readFileSync(
      join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
    );
    expect(tags(original)).toContain('GPOS');
    expect(tags(font)).not.toContain('GPOS');
    expect(tags(font)).toEqual(
      tags(original).filter((t) => !['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM'].includes(t)),
    );
    expect(withoutLayoutTables(font).equals(font)).toBe(true);
    // pdfkit reads it, and "AV" is narrower than "A" and "V" apart: the kern table still works.
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.registerFont('f', font);
    doc.font('f').fontSize(100);
    expect(doc.widthOfString('AV')).toBeLessThan(doc.widthOfString('A') + doc.widthOfString('V') - 1);
  });

  it('wraps every line within the width and loses no character, even of tokens longer than a line', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.registerFont('regular', fontData().regular);
    doc.registerFont('mono', fontData().mono);
    const measure = new TextMeasure(doc);
    const hash = 'f'.repeat(64);
    const text = `Evidence evidence/a/very/long/path/to/a/file-name-without-spaces.txt has SHA-256 ${hash} and a URL https://example.com/${'x'.repeat(120)}?a=1&b=2 — Κάμερα Камера.`;
    for (const width of [40, 90, 200]) {
      const lines = layoutLines(
        measure,
        [
          { text, style: { font: 'regular', size: 8, color: '#000' } },
          { text: ` ${hash}`, style: { font: 'mono', size: 7, color: '#000' } },
        ],
        width,
      );
      for (const l of lines) expect(l.width).toBeLessThanOrEqual(width + 1e-6);
      const joined = lines.map((l) => l.pieces.map((p) => p.text).join('')).join('');
      expect(joined).toBe(`${text} ${hash}`.replace(/ /g, ''));
    }
  });
});

describe.skipIf(!POPPLER)('PDF content, read back with poppler', () => {
  it.each(EXAMPLES)('%s: page count, title, author and creator metadata', (name) => {
    const { report, path } = example(name);
    const info = pdfInfo(path);
    expect(Number(info.Pages)).toBeGreaterThan(10);
    expect(info.Title).toBe(`${report.product.name} — security compliance report`);
    expect(info.Author).toBe(report.product.manufacturer);
    expect(info.Creator).toBe('iotassure 0.1.0');
    expect(info.CreationDate).toBe('2026-12-01T10:00:00Z');
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
  });

  it.each(EXAMPLES)('%s: product, every guideline, requirement text, evidence hashes', (name) => {
    const { report, path } = example(name);
    const text = pdfToText(path);
    const flat = oneLine(text);
    expect(flat).toContain(report.product.name);
    for (const g of report.guidelines) expect(flat).toContain(`${g.number}. ${g.title}`);
    // A requirement's text, as the CF application note prints it.
    expect(flat).toContain('The product does not accept the use of null or blank passwords.');
    // The full SHA-256 of each evidence file, computed here from the file itself.
    const dir = `examples/${name}`;
    const files = report.requirements.flatMap((r) =>
      r.evidence.flatMap((e) => (e.kind === 'file' ? [e.path] : [])),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of new Set(files)) {
      const sha = createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex');
      expect(text, file).toContain(sha);
    }
    // Every known source defect is listed.
    for (const r of report.requirements)
      for (const n of r.notes.filter((x) => x.kind === 'defect'))
        expect(flat).toContain(oneLine(n.text).slice(0, 60));
  });

  it('numbers the pages "Page N of M" and lists the chapters in the contents with their pages', () => {
    const { path } = example('wifi-camera');
    const pages = Number(pdfInfo(path).Pages);
    expect(pdfToText(path, [pages, pages])).toContain(`Page ${pages} of ${pages}`);
    expect(pdfToText(path, [3, 3])).toContain(`Page 3 of ${pages}`);
    const contents = oneLine(pdfToText(path, [2, 2]));
    for (const chapter of [
      'Executive summary',
      'Guidelines',
      'Requirements by CF section',
      'Gaps',
      'Product profile',
      'Evidence',
      'Sources and known source defects',
    ])
      expect(contents).toContain(chapter);
    // The contents say where "Gaps" starts; that page's header names it.
    const gapsPage = Number(/Gaps [. ]*(\d+)/.exec(contents)?.[1]);
    expect(pdfToText(path, [gapsPage, gapsPage])).toMatch(/^.*\n\nGaps\n/);
  });

  it.each(HOSTILE_NAMES)(
    'writes the hostile product name %s as literal text',
    async (name) => {
      const { path } = example(name);
      const info = pdfInfo(path);
      expect(info.Title).toBe(`${name} — security compliance report`);
      expect(info.Author).toBe(name);
      const text = pdfToText(path);
      expect(text).toContain(name);
      expect(text.split(name).length - 1).toBeGreaterThanOrEqual(3); // cover, summary, justification
    },
    60_000,
  );

  it('renders Greek, Cyrillic and accented names, and drops control characters', async () => {
    const name = 'Κάμερα Ωμέγα · Камера «Зоркий» · Caméra Žluťoučký';
    const base = reportFromYaml(`iotassure: 1\nproduct: { name: ${JSON.stringify(name)} }\n`);
    const hostile: Report = { ...base, product: { ...base.product, name: `${name}\u0007\u001b[2J\u202e` } };
    const { path, bytes } = await pdfFile('unicode', hostile);
    const text = pdfToText(path);
    expect(text).toContain(name);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u202e]/);
    // Each control character becomes a space, as in the other reports; nothing of the escape runs.
    expect(pdfInfo(path).Title).toBe(`${name}  [2J — security compliance report`);
    // The same in the document information as pdfkit writes it (streams are compressed, so any byte may occur there).
    expect(infoEntry(bytes.toString('latin1'), 'Title')).toBe(`${name}  [2J — security compliance report`);
  }, 60_000);

  it('splits a requirement row taller than a page, repeating the table header, and loses none of it', async () => {
    // 1,200 numbered words (about 10,000 characters, the longest justification allowed).
    const words = Array.from({ length: 1200 }, (_, i) => `w${String(i).padStart(4, '0')}x`);
    const base = reportFromYaml(
      `iotassure: 1\nproduct: { name: Long cam }\nrequirements:\n  2.4.8.4: { status: compliant, justification: "${words.join(' ')}" }\n`,
    );
    const { path } = await pdfFile('long-row', base);
    const text = pdfToText(path);
    for (const w of words) expect(text).toContain(w);
    // Guideline 1's table continues over the pages the justification takes, each with its header.
    const pages = Number(pdfInfo(path).Pages);
    const continued = Array.from({ length: pages }, (_, i) => pdfToText(path, [i + 1, i + 1])).filter((p) =>
      p.includes('Requirements mapped to guideline 1 (continued)'),
    );
    expect(continued.length).toBeGreaterThanOrEqual(2);
    for (const p of continued)
      for (const h of ['No.', 'Requirement', 'Status', 'Applicability', 'Assessment']) expect(p).toContain(h);
  }, 60_000);
});
