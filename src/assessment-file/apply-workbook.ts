/**
 * Reads an edited Checklist sheet (as written by the XLSX report) back into an assessment file.
 * The workbook's export record says what each cell held when it was exported: only cells the user
 * changed are applied, so a stale workbook cannot undo newer edits to the assessment, and a change
 * to a requirement that has itself changed since the export is a conflict. Every cell is checked
 * first and every problem reported by its cell reference; nothing is applied unless all are valid.
 * Changes go into the YAML document itself, so comments and layout survive.
 */
import ExcelJS from 'exceljs';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import { type Assessment, STATUSES, type Status } from '../core/assessment/assessment-types.js';
import type { Evaluation } from '../core/outcome/outcome-types.js';
import { nearest } from '../diagnostics/nearest.js';
import { STATUS_STYLE } from '../renderers/labels.js';
import { safeCell } from '../renderers/spreadsheet-cell.js';
import {
  CHECKLIST_COLUMNS,
  type ChecklistColumn,
  checklistColumnNumber,
  columnLetter,
} from '../renderers/xlsx-checklist-columns.js';
import {
  EXPORT_SHEET,
  type ExportRecord,
  IMPORTED_FIELDS,
  type ImportedField,
  REFERENCE_COLUMNS,
  readExportRecord,
} from '../renderers/xlsx-export-record.js';
import { resolveRequirementKey } from './resolve-keys.js';

export interface CellProblem {
  /** Sheet and cell, e.g. Checklist!G12. */
  readonly cell: string;
  readonly message: string;
}

/** One cell the user changed, to be applied: `from` is what was exported (and the assessment still holds). */
export interface FieldChange {
  readonly cell: string;
  readonly id: string;
  readonly field: ImportedField;
  readonly from: string | null;
  readonly to: string | null;
}

export interface WorkbookReading {
  /** Null when the workbook could not be read or has no usable export record (see problems). */
  readonly record: ExportRecord | null;
  readonly changes: readonly FieldChange[];
  readonly problems: readonly CellProblem[];
  /** Edits to columns that are not imported: shown to the user, never applied. */
  readonly ignored: readonly CellProblem[];
}

type CellText = string | null | { formula: true };

/** A cell's text as the user sees it, trimmed, with the apostrophe our export adds to formula-like text removed. */
function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('formula' in value || 'sharedFormula' in value) return { formula: true };
    if ('richText' in value) text = value.richText.map((t) => t.text).join('');
    else if ('text' in value) text = String(value.text);
    else text = String(value);
  } else text = String(value);
  text = text.trim();
  return text === '' ? null : text.replace(/^'(?=[=+\-@\t\r])/, '');
}

/** How a value the assessment holds would show in the Checklist, for comparing with the export record. */
const shownText = (raw: string | null): string | null => cellText(safeCell(raw)) as string | null;

/** Status ids and their display labels (as in the CSV and HTML reports), matched case-insensitively. */
const STATUS_BY_NAME = new Map<string, Status>(
  STATUSES.flatMap((s) => [
    [s, s],
    [STATUS_STYLE[s].label.toLowerCase(), s],
  ]),
);

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Checks a changed value; returns the value to store or a problem message. */
function parseField(
  field: ImportedField,
  text: string | null,
): { value: string | null } | { problem: string } {
  switch (field) {
    case 'status': {
      if (text === null) return { value: 'not-assessed' };
      const status = STATUS_BY_NAME.get(text.toLowerCase());
      if (status) return { value: status };
      const near = nearest(text.toLowerCase(), STATUSES, 1);
      return {
        problem: `"${text}" is not a status; use ${STATUSES.join(', ')}${near.length ? ` (did you mean ${near[0]}?)` : ''}`,
      };
    }
    case 'date':
      if (text !== null && !isCalendarDate(text))
        return { problem: `"${text}" is not a real calendar date written YYYY-MM-DD` };
      return { value: text };
    case 'justification':
      if (text !== null && text.length > 10_000) return { problem: 'longer than 10,000 characters' };
      return { value: text };
    case 'assessor':
      if (text !== null && text.length > 200) return { problem: 'longer than 200 characters' };
      return { value: text };
  }
}

const quoted = (v: string | null) =>
  v === null ? '(empty)' : `"${v.length > 60 ? `${v.slice(0, 57)}…` : v}"`;

export async function readWorkbook(
  data: Uint8Array,
  ctx: AssessmentContext,
  assessment: Assessment,
  evaluation: Evaluation,
): Promise<WorkbookReading> {
  const fail = (cell: string, message: string): WorkbookReading => ({
    record: null,
    changes: [],
    problems: [{ cell, message }],
    ignored: [],
  });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    return fail('(workbook)', `not a readable XLSX file: ${(error as Error).message}`);
  }
  const record = readExportRecord(workbook);
  if (record === 'missing')
    return fail(
      '(workbook)',
      `it has no export record (hidden sheet ${EXPORT_SHEET}), so it is not known which cells you changed: ` +
        'it was exported by an older iotassure or made by hand; export a new one with ' +
        '`iotassure report FILE -f xlsx -o FILE.xlsx`, make the edits there and import that',
    );
  if (typeof record === 'string') return fail(`${EXPORT_SHEET}`, `${record}; export a new workbook`);
  const sheet = workbook.getWorksheet('Checklist');
  if (!sheet) return fail('(workbook)', 'no sheet named "Checklist"');

  const problems: CellProblem[] = [];
  const ignored: CellProblem[] = [];
  const changes: FieldChange[] = [];
  for (const [i, c] of CHECKLIST_COLUMNS.entries()) {
    const got = cellText(sheet.getRow(1).getCell(i + 1).value);
    if (got !== c.header)
      problems.push({
        cell: `Checklist!${columnLetter(i + 1)}1`,
        message: `expected the header "${c.header}", found ${typeof got === 'string' ? `"${got}"` : 'none'}`,
      });
  }
  if (problems.length > 0) return { record, changes, problems, ignored };

  const applicability = new Map(evaluation.requirements.map((r) => [r.id, r.applicability.kind]));
  const seen = new Set<string>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const at = (key: ChecklistColumn) => `Checklist!${columnLetter(checklistColumnNumber(key))}${n}`;
    const read = (key: ChecklistColumn): string | null => {
      const text = cellText(row.getCell(checklistColumnNumber(key)).value);
      if (text !== null && typeof text === 'object') {
        problems.push({ cell: at(key), message: 'formulas are not accepted; type the value' });
        return null;
      }
      return text;
    };
    const idText = read('id');
    if (idText === null) return;
    const resolved = resolveRequirementKey(ctx, idText);
    if (resolved.kind !== 'found') {
      problems.push({ cell: at('id'), message: `unknown requirement "${idText}"` });
      return;
    }
    const id = resolved.id;
    if (seen.has(id)) {
      problems.push({ cell: at('id'), message: `requirement ${id} appears twice` });
      return;
    }
    seen.add(id);
    const exported = record.rows.get(id);
    if (!exported) {
      problems.push({
        cell: at('id'),
        message: `requirement ${id} was not in the exported checklist; rows cannot be added`,
      });
      return;
    }
    for (const key of REFERENCE_COLUMNS) {
      const text = read(key);
      if (text !== cellText(exported.shown[key]))
        ignored.push({ cell: at(key), message: `${id} ${key}: edited, but this column is not imported` });
    }
    const record_ = assessment.requirements.get(id);
    const current: Record<ImportedField, string | null> = {
      status: record_?.status ?? 'not-assessed',
      justification: record_?.justification ?? null,
      assessor: record_?.assessor ?? null,
      date: record_?.date ?? null,
    };
    const changedSinceExport = IMPORTED_FIELDS.filter(
      (f) => shownText(current[f]) !== cellText(exported.values[f]),
    );
    const rowChanges: FieldChange[] = [];
    for (const field of IMPORTED_FIELDS) {
      const text = read(field);
      const was = cellText(exported.values[field]) as string | null;
      if (text === was) continue; // not edited: never applied, so newer edits to the file survive
      const parsed = parseField(field, text);
      if ('problem' in parsed) {
        problems.push({ cell: at(field), message: parsed.problem });
        continue;
      }
      if (parsed.value === was) continue; // e.g. "Compliant" for compliant
      if (parsed.value === shownText(current[field])) continue; // the file already says the same
      if (changedSinceExport.length > 0) {
        const other = changedSinceExport.includes(field) ? field : changedSinceExport[0];
        problems.push({
          cell: at(field),
          message:
            other === field
              ? `changed in the workbook from ${quoted(was)} to ${quoted(parsed.value)}, but the assessment now says ${quoted(current[field])}; ` +
                'it was edited after this workbook was exported — export a new workbook, or make the change in the file'
              : `changed in the workbook from ${quoted(was)} to ${quoted(parsed.value)}, but ${id}'s ${other} has changed in the assessment since the export (now ${quoted(current[other as ImportedField])}); ` +
                'export a new workbook, or make the change in the file',
        });
        continue;
      }
      rowChanges.push({ cell: at(field), id, field, from: was, to: parsed.value });
    }
    const after = (f: ImportedField) => {
      const change = rowChanges.find((c) => c.field === f);
      return change ? change.to : current[f];
    };
    const statusChanged = rowChanges.some((c) => c.field === 'status');
    const justificationChanged = rowChanges.some((c) => c.field === 'justification');
    if (
      (statusChanged || justificationChanged) &&
      after('status') === 'not-applicable' &&
      !after('justification') &&
      applicability.get(id) !== 'not-applicable'
    )
      problems.push({
        cell: at(justificationChanged ? 'justification' : 'status'),
        message: `${id} is marked not-applicable with no justification; say in the Justification cell why it does not apply`,
      });
    else if (justificationChanged && record_?.profileOverride && !after('justification'))
      problems.push({
        cell: at('justification'),
        message: `${id} overrides the product profile, which needs a justification; keep one`,
      });
    changes.push(...rowChanges);
  });
  return { record, changes, problems, ignored };
}

/** Applies the changed cells to the assessment's YAML text; every other value is left as it is. */
export function applyChanges(
  yamlText: string,
  changes: readonly FieldChange[],
  keyOf: (id: string) => string,
): string {
  const doc = parseDocument(yamlText);
  if (!isMap(doc.contents)) throw new Error('the assessment is not a mapping');
  if (changes.length > 0 && !doc.has('requirements')) doc.set('requirements', doc.createNode({}));
  for (const c of changes) {
    const requirements = doc.get('requirements') as YAMLMap;
    const key = keyOf(c.id);
    let target = (requirements.get(key, true) as YAMLMap | undefined) ?? null;
    if (!target) {
      target = doc.createNode({}) as YAMLMap;
      requirements.set(key, target);
    }
    if (c.to === null) target.delete(c.field);
    else target.set(c.field, c.to);
  }
  // Re-serialising refolds long folded text; 100 columns matches how init and the examples wrap.
  return doc.toString({ lineWidth: 100 });
}
