/**
 * Round trip: report --format xlsx, edit the workbook with exceljs, import-xlsx back into the
 * assessment. Each test works on its own copy of the smart-plug example and its own export.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { repoRoot, runCli } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'iotassure-xlsx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Setup {
  readonly dir: string;
  readonly assessment: string;
  readonly exported: string;
}

let copies = 0;
/** A fresh copy of the example and a workbook exported from it. */
function setup(): Setup {
  const dir = join(root, `copy-${++copies}`);
  cpSync(join(repoRoot, 'examples', 'smart-plug'), dir, { recursive: true });
  const assessment = join(dir, 'assessment.yaml');
  const exported = join(dir, 'report.xlsx');
  expect(runCli(['report', assessment, '-f', 'xlsx', '-o', exported]).status).toBe(0);
  return { dir, assessment, exported };
}

/** Edits the YAML file as a person would after the export. */
function editYaml(s: Setup, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(s.assessment, 'utf8'));
  edit(doc);
  writeFileSync(s.assessment, doc.toString({ lineWidth: 100 }));
}

type Column = 'A' | 'B' | 'D' | 'G' | 'H' | 'I' | 'J' | 'K';
/** Copies the exported workbook with Checklist cells changed, each found by requirement id. */
async function edited(
  s: Setup,
  name: string,
  cells: [id: string, column: Column, value: ExcelJS.CellValue][],
  change?: (wb: ExcelJS.Workbook) => void,
): Promise<{ path: string; rowOf: Map<string, number> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(s.exported);
  const sheet = wb.getWorksheet('Checklist')!;
  const rowOf = new Map<string, number>();
  sheet.eachRow((r, n) => rowOf.set(String(r.getCell(1).value), n));
  for (const [id, col, value] of cells) {
    const cell = sheet.getCell(`${col}${rowOf.get(id)}`);
    cell.value = value;
    // A date typed into Excel is a number with a date format; exceljs reads it back as a Date.
    if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
  }
  change?.(wb);
  const path = join(s.dir, name);
  await wb.xlsx.writeFile(path);
  return { path, rowOf };
}

const yamlOf = (s: Setup) => parse(readFileSync(s.assessment, 'utf8'));

describe('import-xlsx', () => {
  it('applies only the cells the user changed, prints each, and keeps every other value and comment', async () => {
    const s = setup();
    const before = yamlOf(s);
    // 2.4.5.5 is not in the example's requirements: not-assessed when exported.
    expect(before.requirements['2.4.5.5']).toBeUndefined();
    const { path, rowOf } = await edited(s, 'ok.xlsx', [
      ['2.4.3.5', 'G', 'Partially compliant'], // a display label, any case
      ['2.4.3.5', 'H', '=Reviewed again after the VDP update'],
      ['2.4.5.5', 'G', 'NON-COMPLIANT'],
      ['2.4.5.5', 'K', new Date(Date.UTC(2026, 1, 3))], // typed as an Excel date
    ]);
    const r = runCli(['import-xlsx', path, s.assessment]);
    expect(r.stderr).toContain(
      `Checklist!G${rowOf.get('2.4.3.5')} 2.4.3.5 status: compliant → partially-compliant`,
    );
    expect(r.stderr).toContain(
      `Checklist!G${rowOf.get('2.4.5.5')} 2.4.5.5 status: not-assessed → non-compliant`,
    );
    expect(r.stderr).toContain(`Checklist!K${rowOf.get('2.4.5.5')} 2.4.5.5 date: (empty) → 2026-02-03`);
    expect(r.stderr).toContain('4 values changed');
    expect(r.status).toBe(0);
    const text = readFileSync(s.assessment, 'utf8');
    expect(text).toContain('# 2.4.3.5 → guideline 2');
    const after = parse(text);
    expect(after.requirements['2.4.3.5'].status).toBe('partially-compliant');
    expect(after.requirements['2.4.3.5'].justification).toBe('=Reviewed again after the VDP update');
    expect(after.requirements['2.4.5.5']).toEqual({ status: 'non-compliant', date: '2026-02-03' });
    after.requirements['2.4.3.5'] = before.requirements['2.4.3.5'];
    delete after.requirements['2.4.5.5'];
    expect(after).toEqual(before);
    expect(runCli(['validate', s.assessment]).status).toBe(0);
  });

  it('a stale workbook does not undo newer edits; a changed cell whose requirement changed since is a conflict', async () => {
    const s = setup();
    editYaml(s, (doc) => {
      doc.setIn(['requirements', '2.4.3.5', 'status'], 'non-compliant');
      doc.setIn(['requirements', '2.4.3.6', 'assessor'], 'Someone Newer');
    });
    const newer = readFileSync(s.assessment, 'utf8');
    // Untouched workbook: nothing to apply, the newer edits stay.
    const same = runCli(['import-xlsx', s.exported, s.assessment]);
    expect(same.status).toBe(0);
    expect(same.stderr).toContain('has changed since');
    expect(same.stderr).toContain('no changes');
    expect(readFileSync(s.assessment, 'utf8')).toBe(newer);
    // An edit elsewhere is applied, and 2.4.3.5 keeps its newer status.
    const { path } = await edited(s, 'other.xlsx', [['2.4.3.7', 'J', 'A. Reviewer']]);
    expect(runCli(['import-xlsx', path, s.assessment]).status).toBe(0);
    const after = yamlOf(s);
    expect(after.requirements['2.4.3.5'].status).toBe('non-compliant');
    expect(after.requirements['2.4.3.6'].assessor).toBe('Someone Newer');
    expect(after.requirements['2.4.3.7'].assessor).toBe('A. Reviewer');
    // Editing the requirements that changed since the export is refused, cell by cell.
    const beforeConflict = readFileSync(s.assessment, 'utf8');
    const conflict = await edited(s, 'conflict.xlsx', [
      ['2.4.3.5', 'G', 'partially-compliant'],
      ['2.4.3.6', 'H', 'New words'],
      ['2.4.3.8', 'J', 'B. Reviewer'],
    ]);
    const c = runCli(['import-xlsx', conflict.path, s.assessment]);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain(
      `Checklist!G${conflict.rowOf.get('2.4.3.5')}: changed in the workbook from "compliant" to "partially-compliant", but the assessment now says "non-compliant"`,
    );
    expect(c.stderr).toContain(`Checklist!H${conflict.rowOf.get('2.4.3.6')}: changed in the workbook from`);
    expect(c.stderr).toContain(
      `2.4.3.6's assessor has changed in the assessment since the export (now "Someone Newer")`,
    );
    expect(c.stderr).toContain('2 problems; nothing was applied');
    expect(readFileSync(s.assessment, 'utf8')).toBe(beforeConflict);
  });

  it('refuses a workbook without the export record', async () => {
    const s = setup();
    const before = readFileSync(s.assessment, 'utf8');
    const { path } = await edited(s, 'hand.xlsx', [['2.4.3.5', 'G', 'non-compliant']], (wb) =>
      wb.removeWorksheet(wb.getWorksheet('_export')!.id),
    );
    const r = runCli(['import-xlsx', path, s.assessment]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('it has no export record (hidden sheet _export)');
    expect(r.stderr).toContain('nothing was applied');
    expect(readFileSync(s.assessment, 'utf8')).toBe(before);
  });

  it('refuses a workbook exported from another product, naming both, unless --force', async () => {
    const s = setup();
    editYaml(s, (doc) => doc.setIn(['product', 'version'], 'firmware 2.0.0'));
    const before = readFileSync(s.assessment, 'utf8');
    const { path } = await edited(s, 'other-product.xlsx', [['2.4.3.7', 'J', 'A. Reviewer']]);
    const r = runCli(['import-xlsx', path, s.assessment]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('version firmware 1.4.2, Brightmere Home app 2.9.0');
    expect(r.stderr).toContain('version firmware 2.0.0');
    expect(r.stderr).toContain('--force');
    expect(readFileSync(s.assessment, 'utf8')).toBe(before);
    const forced = runCli(['import-xlsx', path, s.assessment, '--force']);
    expect(forced.status).toBe(0);
    expect(yamlOf(s).requirements['2.4.3.7'].assessor).toBe('A. Reviewer');
  });

  it('reports every bad cell at once, by cell, and applies nothing', async () => {
    const s = setup();
    const before = readFileSync(s.assessment, 'utf8');
    const { path, rowOf } = await edited(s, 'bad.xlsx', [
      ['2.4.3.5', 'G', 'complaint'],
      ['2.4.3.5', 'K', '2026-02-30'], // same row as the bad status: both reported
      ['2.4.3.6', 'K', 'yesterday'],
      ['2.4.3.7', 'G', 'Not applicable'],
      ['2.4.3.7', 'H', ''], // not-applicable without a justification
      ['2.4.3.8', 'A', '9.9.9.9'],
      ['2.4.3.9', 'J', { formula: '1+1' }],
    ]);
    const r = runCli(['import-xlsx', path, s.assessment]);
    expect(r.status).toBe(1);
    const row = (id: string) => rowOf.get(id);
    expect(r.stderr).toContain(`Checklist!G${row('2.4.3.5')}: "complaint" is not a status`);
    expect(r.stderr).toContain('did you mean compliant?');
    expect(r.stderr).toContain(`Checklist!K${row('2.4.3.5')}: "2026-02-30" is not a real calendar date`);
    expect(r.stderr).toContain(`Checklist!K${row('2.4.3.6')}: "yesterday" is not a real calendar date`);
    expect(r.stderr).toContain(
      `Checklist!H${row('2.4.3.7')}: 2.4.3.7 is marked not-applicable with no justification`,
    );
    expect(r.stderr).toContain(`Checklist!A${row('2.4.3.8')}: unknown requirement "9.9.9.9"`);
    expect(r.stderr).toContain(`Checklist!J${row('2.4.3.9')}: formulas are not accepted`);
    expect(r.stderr).toContain('6 problems; nothing was applied');
    expect(r.stderr).not.toMatch(/assessment\.yaml:\d+/);
    expect(readFileSync(s.assessment, 'utf8')).toBe(before);
  });

  it('warns about edits to columns that are not imported, and ignores them', async () => {
    const s = setup();
    const before = readFileSync(s.assessment, 'utf8');
    const { path, rowOf } = await edited(s, 'reference.xlsx', [
      ['2.4.3.5', 'D', 'My own requirement text'],
      ['2.4.3.6', 'I', 'evidence/new.pdf'],
    ]);
    const r = runCli(['import-xlsx', path, s.assessment]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `warning: Checklist!D${rowOf.get('2.4.3.5')}: 2.4.3.5 text: edited, but this column is not imported`,
    );
    expect(r.stderr).toContain(
      `warning: Checklist!I${rowOf.get('2.4.3.6')}: 2.4.3.6 evidence: edited, but this column is not imported`,
    );
    expect(r.stderr).toContain('no changes');
    expect(readFileSync(s.assessment, 'utf8')).toBe(before);
  });

  it('--dry-run prints the result and writes nothing; a non-workbook is reported', async () => {
    const s = setup();
    const before = readFileSync(s.assessment, 'utf8');
    const { path } = await edited(s, 'dry.xlsx', [['2.4.3.7', 'J', 'A. Reviewer']]);
    const r = runCli(['import-xlsx', path, s.assessment, '--dry-run']);
    expect(r.status).toBe(0);
    expect(parse(r.stdout).requirements['2.4.3.7'].assessor).toBe('A. Reviewer');
    expect(r.stderr).toContain('1 value would change (dry run; nothing written)');
    expect(readFileSync(s.assessment, 'utf8')).toBe(before);
    const notXlsx = join(s.dir, 'evidence', 'x.xlsx');
    cpSync(s.assessment, notXlsx);
    const bad = runCli(['import-xlsx', notXlsx, s.assessment]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a readable XLSX file');
  });
});
