/**
 * Reads an edited Checklist sheet (as written by the XLSX report) back into an assessment file.
 * Every cell is checked first and every problem reported by its cell reference; nothing is applied
 * unless all are valid. Changes go into the YAML document itself, so comments and layout survive.
 */
import ExcelJS from 'exceljs';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import { STATUSES, type Status } from '../core/assessment/assessment-types.js';
import { nearest } from '../diagnostics/nearest.js';
import { CHECKLIST_COLUMNS } from '../renderers/xlsx-renderer.js';
import { resolveRequirementKey } from './resolve-keys.js';

export interface CellProblem {
  /** Sheet and cell, e.g. Checklist!G12. */
  readonly cell: string;
  readonly message: string;
}

export interface RowChange {
  readonly id: string;
  readonly status: Status;
  readonly justification: string | null;
  readonly assessor: string | null;
  readonly date: string | null;
}

const column = (key: (typeof CHECKLIST_COLUMNS)[number]['key']) =>
  CHECKLIST_COLUMNS.findIndex((c) => c.key === key) + 1;
const letter = (n: number) => String.fromCharCode(64 + n);

/** A cell's text as the user sees it, with the apostrophe our export adds to formula-like text removed. */
function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return undefined as never;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('text' in value) return String(value.text);
  }
  const text = String(value).trim();
  return text === '' ? null : text.replace(/^'(?=[=+\-@])/, '');
}

export async function readChecklist(
  data: Uint8Array,
  ctx: AssessmentContext,
): Promise<{ changes: RowChange[]; problems: CellProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  const problems: CellProblem[] = [];
  try {
    await workbook.xlsx.load(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    return {
      changes: [],
      problems: [{ cell: '(workbook)', message: `not a readable XLSX file: ${(error as Error).message}` }],
    };
  }
  const sheet = workbook.getWorksheet('Checklist');
  if (!sheet)
    return { changes: [], problems: [{ cell: '(workbook)', message: 'no sheet named "Checklist"' }] };
  const headers = CHECKLIST_COLUMNS.map(
    (c, i) => [c.header, cellText(sheet.getRow(1).getCell(i + 1).value)] as const,
  );
  for (const [i, [expected, got]] of headers.entries()) {
    if (expected !== got)
      problems.push({
        cell: `Checklist!${letter(i + 1)}1`,
        message: `expected the header "${expected}", found "${got ?? ''}"`,
      });
  }
  if (problems.length > 0) return { changes: [], problems };

  const changes: RowChange[] = [];
  const seen = new Set<string>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const at = (key: (typeof CHECKLIST_COLUMNS)[number]['key']) => `Checklist!${letter(column(key))}${n}`;
    const get = (key: (typeof CHECKLIST_COLUMNS)[number]['key']) => {
      const value = row.getCell(column(key)).value;
      if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
        problems.push({ cell: at(key), message: 'formulas are not accepted; type the value' });
        return null;
      }
      return cellText(value);
    };
    const id = get('id');
    if (id === null) return;
    const resolved = resolveRequirementKey(ctx, id);
    if (resolved.kind !== 'found') {
      problems.push({ cell: at('id'), message: `unknown requirement "${id}"` });
      return;
    }
    if (seen.has(resolved.id))
      problems.push({ cell: at('id'), message: `requirement ${resolved.id} appears twice` });
    seen.add(resolved.id);
    const status = get('status') ?? 'not-assessed';
    if (!(STATUSES as readonly string[]).includes(status)) {
      const near = nearest(status, STATUSES, 1);
      problems.push({
        cell: at('status'),
        message: `"${status}" is not a status; use ${STATUSES.join(', ')}${near.length ? ` (did you mean ${near[0]}?)` : ''}`,
      });
      return;
    }
    const justification = get('justification');
    const assessor = get('assessor');
    const date = get('date');
    if (date !== null && !(/^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)))) {
      problems.push({ cell: at('date'), message: `"${date}" is not a date written YYYY-MM-DD` });
    }
    if (justification !== null && justification.length > 10_000)
      problems.push({ cell: at('justification'), message: 'longer than 10,000 characters' });
    if (assessor !== null && assessor.length > 200)
      problems.push({ cell: at('assessor'), message: 'longer than 200 characters' });
    changes.push({ id: resolved.id, status: status as Status, justification, assessor, date });
  });
  return { changes, problems };
}

/** Applies the changes to the assessment's YAML text; returns the new text and how many values changed. */
export function applyChanges(
  yamlText: string,
  changes: readonly RowChange[],
  keyOf: (id: string) => string,
): { text: string; changed: number } {
  const doc = parseDocument(yamlText);
  if (!isMap(doc.contents)) throw new Error('the assessment is not a mapping');
  if (!doc.has('requirements')) doc.set('requirements', doc.createNode({}));
  const requirements = doc.get('requirements') as YAMLMap;
  let changed = 0;
  for (const c of changes) {
    const key = keyOf(c.id);
    const current = (requirements.get(key, true) as YAMLMap | undefined) ?? null;
    const before = current ? (current.toJSON() as Record<string, unknown>) : {};
    const fields: [string, string | null][] = [
      ['status', c.status],
      ['justification', c.justification],
      ['assessor', c.assessor],
      ['date', c.date],
    ];
    const differs = fields.some(
      ([k, v]) =>
        (before[k] ?? null) !== v && !(k === 'status' && v === 'not-assessed' && before[k] === undefined),
    );
    if (!differs) continue;
    let target = current;
    if (!target) {
      target = doc.createNode({}) as YAMLMap;
      requirements.set(key, target);
    }
    for (const [k, v] of fields) {
      if ((before[k] ?? null) === v) continue;
      if (v === null) target.delete(k);
      else target.set(k, v);
      changed += 1;
    }
  }
  // Re-serialising refolds long folded text; 100 columns matches how init and the examples wrap.
  return { text: doc.toString({ lineWidth: 100 }), changed };
}
