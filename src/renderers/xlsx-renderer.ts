/**
 * XLSX in the shape compliance teams work in: a Summary sheet (the 13 guideline outcomes and the
 * headline numbers) and a Checklist sheet (one row per requirement, with a status drop-down).
 * Every cell written from the report goes through safeCell, so nothing can run as a formula.
 */
import ExcelJS from 'exceljs';
import { STATUSES } from '../core/assessment/assessment-types.js';
import { APPLICABILITY_LABEL, OUTCOME_STYLE, STATUS_STYLE } from './labels.js';
import type { BinaryRenderer } from './renderer.js';
import { safeCell } from './spreadsheet-cell.js';
import { CHECKLIST_COLUMNS, columnLetter } from './xlsx-checklist-columns.js';
import { type ExportedRow, exportedProduct, writeExportRecord } from './xlsx-export-record.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3A5F' } };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
}

export const renderXlsx: BinaryRenderer = async (report, options) => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${report.tool.name} ${report.tool.version}`;
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet('Summary');
  summary.columns = [
    { header: 'Guideline', key: 'id', width: 10 },
    { header: 'Title', key: 'title', width: 52 },
    { header: 'Top priority', key: 'top', width: 12 },
    { header: 'Outcome', key: 'outcome', width: 18 },
    { header: 'Why', key: 'reason', width: 90 },
  ];
  styleHeader(summary.getRow(1));
  for (const g of report.guidelines) {
    summary.addRow({
      id: safeCell(g.number ?? g.id),
      title: safeCell(g.title),
      top: g.topPriority ? 'yes' : '',
      outcome: OUTCOME_STYLE[g.outcome].label,
      reason: safeCell(g.reason),
    });
  }
  summary.addRow([]);
  const s = report.summary;
  const facts: [string, string | number][] = [
    ['Product', safeCell(report.product.name)],
    ['Version', safeCell(report.product.version)],
    ['Manufacturer', safeCell(report.product.manufacturer)],
    ['Guidelines met', `${s.guidelinesMet} of ${s.guidelinesTotal}`],
    ['Applicable requirements compliant', `${s.compliantRequirements} of ${s.applicableRequirements}`],
    ['Generated', `${report.generatedAt} by ${report.tool.name} ${report.tool.version}`],
  ];
  for (const [k, v] of facts) summary.addRow([k, v]).getCell(1).font = { bold: true };
  summary.views = [{ state: 'frozen', ySplit: 1 }];

  const checklist = workbook.addWorksheet('Checklist');
  checklist.columns = CHECKLIST_COLUMNS.map((c) => ({ ...c }));
  styleHeader(checklist.getRow(1));
  const exported = new Map<string, ExportedRow>();
  for (const r of report.requirements) {
    const shown = {
      number: safeCell(r.number ?? ''),
      section: safeCell(r.section ? `${r.section.id} ${r.section.title}` : ''),
      text: safeCell(r.text ?? '(the source gives no text)'),
      guidelines: safeCell(r.guidelines.join(', ')),
      applicability: safeCell(
        `${APPLICABILITY_LABEL[r.applicability.kind]}${r.applicability.reason ? ` — ${r.applicability.reason}` : ''}`,
      ),
      evidence: safeCell(
        r.evidence
          .map((e) =>
            e.kind === 'file' ? `${e.path} (sha256 ${e.sha256})` : e.kind === 'url' ? e.url : e.text,
          )
          .join('\n'),
      ),
    };
    const values = {
      // The recorded status, as the file keeps it, so an edited workbook can be read back.
      status: r.recordedStatus ?? 'not-assessed',
      justification: safeCell(r.justification),
      assessor: safeCell(r.assessor),
      date: safeCell(r.date),
    };
    const row = checklist.addRow({ id: safeCell(r.id), ...shown, ...values });
    exported.set(r.id, { id: r.id, values, shown });
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell('status').dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Status',
      error: `Choose one of: ${STATUSES.join(', ')}`,
    };
    row.getCell('status').note = `Effective status: ${STATUS_STYLE[r.status].label}`;
  }
  checklist.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  checklist.autoFilter = {
    from: 'A1',
    to: `${columnLetter(CHECKLIST_COLUMNS.length)}${report.requirements.length + 1}`,
  };

  await writeExportRecord(workbook, {
    product: exportedProduct(report.product),
    sourceSha256: options.sourceSha256 ?? null,
    rows: exported,
  });

  return new Uint8Array(await workbook.xlsx.writeBuffer());
};
