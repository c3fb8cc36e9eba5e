/**
 * The export record: a very hidden, protected sheet in the XLSX report that keeps what was exported
 * (the product, the SHA-256 of the assessment file, and every Checklist row as written). import-xlsx
 * compares the edited Checklist with it, so only cells the user changed are applied and a workbook
 * older than the assessment cannot silently undo newer work.
 *
 * Layout, one record per row, its kind in column A:
 *   format   | iotassure-xlsx-export | 1
 *   product  | name | model | version
 *   source   | sha256 of the assessment file (empty when unknown)
 *   row      | id | status | justification | assessor | date | then the other Checklist cells as shown
 * Every value is kept as the Checklist shows it (through safeCell, like every cell of the report).
 */
import type ExcelJS from 'exceljs';
import { safeCell } from './spreadsheet-cell.js';
import { CHECKLIST_COLUMNS, type ChecklistColumn } from './xlsx-checklist-columns.js';

export const EXPORT_SHEET = '_export';
export const EXPORT_FORMAT = 'iotassure-xlsx-export';
export const EXPORT_FORMAT_VERSION = 1;

/** The Checklist columns import-xlsx applies, in the order the record keeps them. */
export const IMPORTED_FIELDS = ['status', 'justification', 'assessor', 'date'] as const;
export type ImportedField = (typeof IMPORTED_FIELDS)[number];
/** The Checklist columns shown for reference only; an edit to them is not applied. */
export const REFERENCE_COLUMNS = CHECKLIST_COLUMNS.map((c) => c.key).filter(
  (k): k is Exclude<ChecklistColumn, ImportedField | 'id'> =>
    k !== 'id' && !(IMPORTED_FIELDS as readonly string[]).includes(k),
);
export type ReferenceColumn = (typeof REFERENCE_COLUMNS)[number];

export interface ExportedRow {
  readonly id: string;
  /** As the Checklist showed them ('' for empty); an unrecorded requirement's status is not-assessed. */
  readonly values: Readonly<Record<ImportedField, string>>;
  /** The text of the reference cells as exported. */
  readonly shown: Readonly<Record<ReferenceColumn, string>>;
}

/** The product as the record keeps it: name, model and version, as safeCell writes them. */
export interface ExportedProduct {
  readonly name: string;
  readonly model: string | null;
  readonly version: string | null;
}

/**
 * A product as the record writes it, through safeCell like every value: import-xlsx compares an
 * assessment's product in this form with the record's, so like is compared with like.
 */
export function exportedProduct(product: ExportedProduct): ExportedProduct {
  return {
    name: safeCell(product.name),
    model: product.model && safeCell(product.model),
    version: product.version && safeCell(product.version),
  };
}

export interface ExportRecord {
  readonly product: ExportedProduct;
  readonly sourceSha256: string | null;
  readonly rows: ReadonlyMap<string, ExportedRow>;
}

/** Adds the record sheet; it is very hidden (not listed by Unhide) and protected against edits. */
export async function writeExportRecord(workbook: ExcelJS.Workbook, record: ExportRecord): Promise<void> {
  const sheet = workbook.addWorksheet(EXPORT_SHEET, { state: 'veryHidden' });
  sheet.addRow(['format', EXPORT_FORMAT, EXPORT_FORMAT_VERSION]);
  sheet.addRow(['product', record.product.name, record.product.model ?? '', record.product.version ?? '']);
  sheet.addRow(['source', record.sourceSha256 ?? '']);
  for (const r of record.rows.values()) {
    sheet.addRow([
      'row',
      r.id,
      ...IMPORTED_FIELDS.map((f) => r.values[f]),
      ...REFERENCE_COLUMNS.map((k) => r.shown[k]),
    ]);
  }
  // Protection only guards against accidental edits (the password is not a secret): the record
  // decides what counts as a user's change, so it must not be changed along with the Checklist.
  await sheet.protect('iotassure', { selectLockedCells: false, selectUnlockedCells: false });
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  return String(value);
}

/**
 * Reads the record back. 'missing': the workbook has none (an older export or one made by hand);
 * a string: the record is there but damaged, and says how.
 */
export function readExportRecord(workbook: ExcelJS.Workbook): ExportRecord | 'missing' | string {
  const sheet = workbook.getWorksheet(EXPORT_SHEET);
  if (!sheet) return 'missing';
  const cells = (n: number) => {
    const row = sheet.getRow(n);
    return Array.from({ length: 2 + IMPORTED_FIELDS.length + REFERENCE_COLUMNS.length }, (_, i) =>
      text(row.getCell(i + 1).value),
    );
  };
  const [kind, format, version] = cells(1);
  if (kind !== 'format' || format !== EXPORT_FORMAT)
    return `sheet ${EXPORT_SHEET} is not an iotassure export record`;
  if (version !== String(EXPORT_FORMAT_VERSION))
    return `the export record is version ${version}; this iotassure reads version ${EXPORT_FORMAT_VERSION}`;
  const product = cells(2);
  const source = cells(3);
  if (product[0] !== 'product' || source[0] !== 'source') return 'the export record has been altered';
  const rows = new Map<string, ExportedRow>();
  for (let n = 4; n <= sheet.rowCount; n++) {
    const [k, id, ...rest] = cells(n);
    if (k !== 'row' || !id) return `the export record has been altered (${EXPORT_SHEET}!A${n})`;
    const values = Object.fromEntries(IMPORTED_FIELDS.map((f, i) => [f, rest[i] ?? '']));
    const shown = Object.fromEntries(
      REFERENCE_COLUMNS.map((c, i) => [c, rest[IMPORTED_FIELDS.length + i] ?? '']),
    );
    rows.set(id, { id, values: values as ExportedRow['values'], shown: shown as ExportedRow['shown'] });
  }
  return {
    product: { name: product[1] ?? '', model: product[2] || null, version: product[3] || null },
    sourceSha256: source[1] || null,
    rows,
  };
}
