/** XLSX: a Summary and a Checklist sheet, read back with exceljs; no cell a spreadsheet would run. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RENDERERS } from '../../src/renderers/registry.js';
import { readExportRecord } from '../../src/renderers/xlsx-export-record.js';
import { renderXlsx } from '../../src/renderers/xlsx-renderer.js';
import { reportFromYaml } from '../fixtures/report-fixture.js';

const report = reportFromYaml(
  [
    'iotassure: 1',
    'product: { name: "=HYPERLINK(\\"http://evil.example\\")", version: "1.0" }',
    'profile: { mqtt: false, ip-network: true }',
    'requirements:',
    '  2.4.3.5: { status: non-compliant, justification: "=1+1", assessor: "@me" }',
    '  2.4.8.4: { status: compliant, justification: Blank passwords rejected }',
    '',
  ].join('\n'),
);

async function workbook(sourceSha256?: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(report, { color: false, sourceSha256 })).buffer as ArrayBuffer);
  return wb;
}

describe('XLSX renderer', () => {
  it('is the registry renderer for xlsx', async () => {
    expect(await RENDERERS.xlsx()).toBe(renderXlsx);
  });

  it('has a Summary sheet with the 13 guideline outcomes', async () => {
    const sheet = (await workbook()).getWorksheet('Summary');
    const rows = Array.from({ length: 13 }, (_, i) => sheet?.getRow(i + 2));
    expect(rows.map((r) => r?.getCell(1).value)).toEqual(report.guidelines.map((g) => g.number));
    // By hand: guideline 1 has 2.4.8.4 compliant and the rest open → incomplete; guideline 2 holds
    // the non-compliant 2.4.3.5 → not met.
    expect(sheet?.getRow(2).getCell(4).value).toBe('Incomplete');
    expect(sheet?.getRow(3).getCell(4).value).toBe('Not met');
  });

  it('has a Checklist row per requirement with a status drop-down of the five statuses', async () => {
    const sheet = (await workbook()).getWorksheet('Checklist');
    expect(sheet?.rowCount).toBe(1 + 126);
    const row = sheet?.getRow(2);
    expect(row?.getCell(1).value).toBe('2.4.3.5');
    expect(row?.getCell(7).value).toBe('non-compliant');
    expect(row?.getCell(7).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"compliant,partially-compliant,non-compliant,not-applicable,not-assessed"'],
    });
  });

  it('writes formula-like text as text', async () => {
    const sheet = (await workbook()).getWorksheet('Checklist');
    const row = sheet?.getRow(2);
    expect(row?.getCell(8).value).toBe("'=1+1");
    expect(row?.getCell(10).value).toBe("'@me");
    sheet?.eachRow((r) =>
      r.eachCell((c) => {
        expect(typeof c.value === 'object' && c.value !== null && 'formula' in c.value).toBe(false);
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@]/);
      }),
    );
  });

  it('records what it exported in a very hidden, protected _export sheet', async () => {
    const sha = 'ab'.repeat(32);
    const wb = await workbook(sha);
    const sheet = wb.getWorksheet('_export');
    expect(sheet?.state).toBe('veryHidden');
    // exceljs keeps the protection it writes, though its types do not declare it.
    expect((sheet as unknown as { sheetProtection?: object }).sheetProtection).toMatchObject({ sheet: true });
    const record = readExportRecord(wb);
    if (typeof record === 'string') throw new Error(record);
    expect(record.product).toEqual({
      name: `'=HYPERLINK("http://evil.example")`,
      model: null,
      version: '1.0',
    });
    expect(record.sourceSha256).toBe(sha);
    expect(record.rows.size).toBe(126);
    // As the fixture's YAML says, and as the Checklist shows them (formula-like text made safe).
    expect(record.rows.get('2.4.3.5')?.values).toEqual({
      status: 'non-compliant',
      justification: "'=1+1",
      assessor: "'@me",
      date: '',
    });
    expect(record.rows.get('2.4.8.4')?.values.justification).toBe('Blank passwords rejected');
    expect(record.rows.get('2.4.3.6')?.values.status).toBe('not-assessed');
    expect(record.rows.get('2.4.3.5')?.shown.number).toBe('2.4.3.5');
    sheet?.eachRow((r) =>
      r.eachCell((c) => {
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@]/);
      }),
    );
  });

  it('a workbook without the record reads as missing', async () => {
    const wb = await workbook();
    wb.removeWorksheet(wb.getWorksheet('_export')!.id);
    expect(readExportRecord(wb)).toBe('missing');
  });
});
