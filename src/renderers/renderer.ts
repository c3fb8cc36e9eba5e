import type { Report } from '../core/report/report-model.js';

export const REPORT_FORMATS = ['text', 'md', 'html', 'json', 'csv', 'xlsx', 'oscal', 'pdf'] as const;

/** Formats whose output is binary: never written to a terminal. */
export const BINARY_FORMATS: readonly ReportFormat[] = ['xlsx', 'pdf'];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour, for text output to a terminal only. */
  readonly color: boolean;
  /** SHA-256 of the assessment file the report comes from; the XLSX export records it for import-xlsx. */
  readonly sourceSha256?: string;
}

/** A renderer turns the one report model into one output format; it computes no outcomes of its own. */
export type Renderer = (report: Report, options: RenderOptions) => string;

/** The same for binary formats (XLSX), which are built asynchronously. */
export type BinaryRenderer = (report: Report, options: RenderOptions) => Promise<Uint8Array>;
