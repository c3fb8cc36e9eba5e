/** The Checklist sheet's columns, shared by the XLSX report, its export record and import-xlsx. */
export const CHECKLIST_COLUMNS = [
  { header: 'Id', key: 'id', width: 13 },
  { header: 'Number', key: 'number', width: 11 },
  { header: 'CF section', key: 'section', width: 28 },
  { header: 'Requirement', key: 'text', width: 70 },
  { header: 'Guidelines', key: 'guidelines', width: 11 },
  { header: 'Applicability', key: 'applicability', width: 36 },
  { header: 'Status', key: 'status', width: 20 },
  { header: 'Justification', key: 'justification', width: 50 },
  { header: 'Evidence', key: 'evidence', width: 50 },
  { header: 'Assessor', key: 'assessor', width: 24 },
  { header: 'Date', key: 'date', width: 12 },
] as const;

export type ChecklistColumn = (typeof CHECKLIST_COLUMNS)[number]['key'];

/** The 1-based number of a Checklist column, as exceljs and cell references count them. */
export function checklistColumnNumber(key: ChecklistColumn): number {
  return CHECKLIST_COLUMNS.findIndex((c) => c.key === key) + 1;
}

/** The letter of a 1-based column number, A to Z: the Checklist has fewer than 27 columns. */
export function columnLetter(n: number): string {
  return String.fromCharCode(64 + n);
}
