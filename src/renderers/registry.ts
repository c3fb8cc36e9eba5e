import type { Report } from '../core/report/report-model.js';
import type { BinaryRenderer, Renderer, RenderOptions, ReportFormat } from './renderer.js';

/** Loaded on demand so that `iotassure report` pays only for the renderer it uses. */
export const RENDERERS: Record<ReportFormat, () => Promise<Renderer | BinaryRenderer>> = {
  json: async () => (await import('./json-renderer.js')).renderJson,
  text: async () => (await import('./text-renderer.js')).renderText,
  md: async () => (await import('./markdown-renderer.js')).renderMarkdown,
  html: async () => (await import('./html-renderer.js')).renderHtml,
  csv: async () => (await import('./csv-renderer.js')).renderCsv,
  xlsx: async () => (await import('./xlsx-renderer.js')).renderXlsx,
  pdf: async () => (await import('./pdf-renderer.js')).renderPdf,
  oscal: async () => (await import('../exporters/oscal/oscal-renderer.js')).renderOscal,
};

/** The report in one format, loading only that format's renderer: text, or bytes for a binary format. */
export async function renderReport(
  format: ReportFormat,
  report: Report,
  options: RenderOptions,
): Promise<string | Uint8Array> {
  return (await RENDERERS[format]())(report, options);
}
