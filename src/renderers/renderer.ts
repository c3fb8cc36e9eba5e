import type { Report } from '../core/report/report-model.js';

export const REPORT_FORMATS = ['text', 'md', 'html', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour, for text output to a terminal only. */
  readonly color: boolean;
}

/** A renderer turns the one report model into one output format; it computes no outcomes of its own. */
export type Renderer = (report: Report, options: RenderOptions) => string;
