/**
 * How each report format is downloaded: its media type and file extension. Formats are added to the
 * renderer registry by other work; one not listed here is still served, as opaque bytes, and a test
 * fails until it is listed.
 */
import type { ReportFormat } from '../../renderers/renderer.js';

export interface DownloadType {
  readonly mediaType: string;
  readonly extension: string;
}

export const REPORT_DOWNLOADS: Readonly<Partial<Record<string, DownloadType>>> = {
  text: { mediaType: 'text/plain; charset=utf-8', extension: 'txt' },
  md: { mediaType: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html' },
  json: { mediaType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  oscal: { mediaType: 'application/json; charset=utf-8', extension: 'oscal.json' },
};

export function downloadTypeOf(format: ReportFormat): DownloadType {
  return REPORT_DOWNLOADS[format] ?? { mediaType: 'application/octet-stream', extension: format };
}

/** A file name from a product name: letters, digits, - and _ only, so it is safe on every system. */
export function downloadBaseName(productName: string): string {
  const base = productName
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return base || 'product';
}
