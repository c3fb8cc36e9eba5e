/** CSV: one row per requirement, quoted by RFC 4180, and no cell that a spreadsheet would run. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/renderers/csv-renderer.js';
import { safeCell } from '../../src/renderers/spreadsheet-cell.js';
import { reportFromYaml } from '../fixtures/report-fixture.js';

function csvOf(requirements: string): string[][] {
  const yaml = `iotassure: 1\nproduct: { name: "=HYPERLINK(\\"http://evil.example\\")" }\nprofile: { mqtt: false, ip-network: true }\nrequirements:\n${requirements}`;
  const report = reportFromYaml(yaml);
  const csv = renderCsv(report, { color: false });
  expect(csv.startsWith('\ufeff')).toBe(true);
  return parse(csv.slice(1), { relax_column_count: false });
}

describe('CSV renderer', () => {
  const rows = csvOf(
    [
      '  2.4.3.5:',
      '    status: non-compliant',
      '    justification: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"',
      '    assessor: "@SUM(A1:A9)"',
      '    evidence: [{ note: "+cmd|\' /C calc\'!A0" }, { url: "https://example.com/a,b" }]',
      '  2.4.3.6:',
      '    status: compliant',
      '    justification: "line one\\nline two, with \\"quotes\\""',
      '',
    ].join('\n'),
  );
  const header = rows[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const row = (id: string) => rows.find((r) => r[0] === id) ?? [];

  it('has a header and one row per requirement of the catalog (126)', () => {
    expect(header.slice(0, 5)).toEqual(['id', 'number', 'section', 'section_title', 'requirement_text']);
    expect(rows.length).toBe(1 + 126);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(126);
  });

  it('neutralises every cell that starts like a formula', () => {
    expect(row('2.4.3.5')[col('justification')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(row('2.4.3.5')[col('assessor')]).toBe("'@SUM(A1:A9)");
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps commas, quotes and line breaks inside their cell', () => {
    expect(row('2.4.3.6')[col('justification')]).toBe('line one\nline two, with "quotes"');
    expect(row('2.4.3.5')[col('evidence')]).toBe("note +cmd|' /C calc'!A0\nurl https://example.com/a,b");
  });

  it('shows the effective status and the derived applicability', () => {
    expect(row('2.4.7.13')[col('status')]).toBe('Not applicable');
    expect(row('2.4.7.13')[col('applicability_reason')]).toBe('the product does not use MQTT');
    expect(row('2.4.3.5')[col('status')]).toBe('Non-compliant');
    expect(row('2.4.3.13/2')[col('number')]).toBe('2.4.3.13');
    expect(row('2.4.3.13/2')[col('source_defects')]).toContain('2.4.3.14');
  });
});

describe('safeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "' x"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });
});
