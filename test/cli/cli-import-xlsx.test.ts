/** Round trip: report --format xlsx, edit the workbook, import-xlsx back into the assessment. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-xlsx-'));
const assessment = join(tmp, 'assessment.yaml');
const exported = join(tmp, 'report.xlsx');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  cpSync(join(repoRoot, 'examples', 'smart-plug'), tmp, { recursive: true });
  expect(runCli(['report', assessment, '-f', 'xlsx', '-o', exported]).status).toBe(0);
});

/** Copies the exported workbook with some Checklist cells changed (row = 1-based sheet row). */
async function edited(name: string, cells: [row: number, column: number, value: string][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(exported);
  const sheet = wb.getWorksheet('Checklist');
  for (const [row, col, value] of cells) sheet!.getRow(row).getCell(col).value = value;
  const path = join(tmp, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('import-xlsx', () => {
  it('reports every bad cell by reference and applies nothing', async () => {
    const before = readFileSync(assessment, 'utf8');
    const bad = await edited('bad.xlsx', [
      [2, 7, 'complaint'],
      [3, 11, 'yesterday'],
      [4, 1, '9.9.9.9'],
    ]);
    const r = runCli(['import-xlsx', bad, assessment]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Checklist!G2: "complaint" is not a status');
    expect(r.stderr).toContain('did you mean compliant?');
    expect(r.stderr).toContain('Checklist!K3: "yesterday" is not a date');
    expect(r.stderr).toContain('Checklist!A4: unknown requirement "9.9.9.9"');
    expect(r.stderr).toContain('nothing was applied');
    expect(readFileSync(assessment, 'utf8')).toBe(before);
  });

  it('refuses a change that would make the assessment invalid', async () => {
    const before = readFileSync(assessment, 'utf8');
    // Row 2 is 2.4.3.5; not-applicable with an emptied justification breaks the rules.
    const wb = await edited('na.xlsx', [
      [2, 7, 'not-applicable'],
      [2, 8, ''],
    ]);
    const r = runCli(['import-xlsx', wb, assessment]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('justification-required');
    expect(readFileSync(assessment, 'utf8')).toBe(before);
  });

  it('applies valid edits, keeps every other value and the comments, and stays valid', async () => {
    const before = parse(readFileSync(assessment, 'utf8'));
    const ok = await edited('ok.xlsx', [
      [2, 7, 'partially-compliant'],
      [2, 8, '=Reviewed again after the VDP update'],
    ]);
    const r = runCli(['import-xlsx', ok, assessment]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('2 values changed');
    const text = readFileSync(assessment, 'utf8');
    expect(text).toContain('# 2.4.3.5 → guideline 2');
    const after = parse(text);
    expect(after.requirements['2.4.3.5'].status).toBe('partially-compliant');
    expect(after.requirements['2.4.3.5'].justification).toBe('=Reviewed again after the VDP update');
    after.requirements['2.4.3.5'] = before.requirements['2.4.3.5'];
    expect(after).toEqual(before);
    expect(runCli(['validate', assessment]).status).toBe(0);
  });

  it('an unchanged workbook changes nothing; a non-workbook is reported', () => {
    expect(runCli(['import-xlsx', exported, assessment]).stderr).toMatch(/no changes|values? changed/);
    const notXlsx = join(tmp, 'evidence', 'x.xlsx');
    cpSync(assessment, notXlsx);
    const r = runCli(['import-xlsx', notXlsx, assessment]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not a readable XLSX file');
  });
});
