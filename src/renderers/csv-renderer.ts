/**
 * CSV: one row per requirement, for spreadsheets and scripts. RFC 4180 quoting (csv-stringify),
 * UTF-8 with a byte-order mark so that Excel reads accented text correctly, and every cell passed
 * through safeCell so nothing from an assessment can run as a formula.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportRequirement } from '../core/report/report-model.js';
import { APPLICABILITY_LABEL, STATUS_STYLE } from './labels.js';
import type { Renderer } from './renderer.js';
import { safeCell } from './spreadsheet-cell.js';

const COLUMNS = [
  'id',
  'number',
  'section',
  'section_title',
  'requirement_text',
  'guidelines',
  'applicability',
  'applicability_reason',
  'status',
  'recorded_status',
  'profile_override',
  'justification',
  'evidence',
  'assessor',
  'date',
  'source_defects',
] as const;

function evidenceText(r: ReportRequirement): string {
  return r.evidence
    .map((e) =>
      e.kind === 'file'
        ? `file ${e.path} sha256:${e.sha256}`
        : e.kind === 'url'
          ? `url ${e.url}`
          : `note ${e.text}`,
    )
    .join('\n');
}

export const renderCsv: Renderer = (report) => {
  const rows = report.requirements.map((r) => [
    r.id,
    r.number ?? '',
    r.section?.id ?? '',
    r.section?.title ?? '',
    r.text ?? '',
    r.guidelines.join(' '),
    APPLICABILITY_LABEL[r.applicability.kind],
    r.applicability.reason ?? '',
    STATUS_STYLE[r.status].label,
    r.recordedStatus ?? '',
    r.contradictsProfile ? 'contradicts profile' : '',
    r.justification ?? '',
    evidenceText(r),
    r.assessor ?? '',
    r.date ?? '',
    r.notes
      .filter((n) => n.kind === 'defect')
      .map((n) => n.text)
      .join('\n'),
  ]);
  return `\ufeff${stringify([[...COLUMNS], ...rows.map((row) => row.map(safeCell))], { record_delimiter: '\r\n' })}`;
};
