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
