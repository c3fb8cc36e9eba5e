/**
 * The report as a PDF, made with pdfkit (no browser): A4, a cover, a table of contents, the same
 * chapters as the HTML report, page numbers and a running header and footer, bookmarks, and
 * in-document links. DejaVu fonts are embedded (subset), so any text DejaVu covers renders.
 *
 * pdfkit is imported only by this module, which the renderer registry loads only when a PDF is
 * asked for, so every other command starts without loading it (scripts/build.mjs keeps it out of
 * the CLI bundle; a static import becomes a require() run when this module is first used, which
 * works in the bundle's code-cached script where a dynamic import() cannot). The output is the same
 * bytes for the same report: the document's dates are the report's generatedAt, and pdfkit derives
 * the file ID from the document information, which holds no clock reading.
 */
import PDFDocument from 'pdfkit';
import type { Report } from '../core/report/report-model.js';
import { citedEvidence } from './labels.js';
import { pdfContext } from './pdf/context.js';
import { writeCover } from './pdf/cover.js';
import { Flow } from './pdf/flow.js';
import { FONT_NAMES, fontData } from './pdf/fonts.js';
import { writeGuidelines } from './pdf/guideline-chapter.js';
import { contentsPages, drawContents, drawPageChrome } from './pdf/page-chrome.js';
import {
  writeEvidence,
  writeGaps,
  writeProfile,
  writeSections,
  writeSources,
  writeWarnings,
} from './pdf/reference-chapters.js';
import { writeSummary } from './pdf/summary-chapter.js';
import { pdfText, TextMeasure } from './pdf/text-layout.js';
import { PAGE, TABLE } from './pdf/theme.js';
import type { BinaryRenderer } from './renderer.js';

/** The report's time, or the epoch if the model carries no valid one (never the clock: output stays reproducible). */
function reportDate(report: Report): Date {
  const d = new Date(report.generatedAt);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

export const renderPdf: BinaryRenderer = async (report) => {
  const fonts = fontData();
  const date = reportDate(report);
  const { product, catalog, tool } = report;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: pdfText(`${product.name} — security compliance report`),
      ...(product.manufacturer ? { Author: pdfText(product.manufacturer) } : {}),
      Subject: pdfText(`Assessment against the ${catalog.target.title} through the ${catalog.source.title}`),
      Keywords: 'IoT security, compliance, Code of Practice, IoTSF Compliance Framework',
      Creator: pdfText(`${tool.name} ${tool.version}`),
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const name of FONT_NAMES) doc.registerFont(name, fonts[name]);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const flow = new Flow(doc, new TextMeasure(doc), PAGE, TABLE);
  const ctx = pdfContext(flow, report);
  writeCover(ctx);

  // The contents go after the cover; their page numbers are known only at the end, so their pages
  // are reserved now (how many is known: one entry per chapter and per guideline).
  const hasEvidence = citedEvidence(report).length > 0;
  const chapters = 6 + (hasEvidence ? 1 : 0) + (report.warnings.length ? 1 : 0);
  const reserved: number[] = [];
  flow.chapter = 'Contents';
  for (let i = contentsPages(ctx, chapters, chapters + report.guidelines.length); i > 0; i -= 1) {
    flow.newPage();
    if (reserved.length === 0) doc.outline.addItem('Contents', { fit: true } as { expanded?: boolean });
    reserved.push(flow.pageIndex);
  }

  writeSummary(ctx);
  writeGuidelines(ctx);
  writeSections(ctx);
  writeGaps(ctx);
  writeProfile(ctx);
  writeEvidence(ctx);
  writeSources(ctx);
  writeWarnings(ctx);

  drawContents(ctx, reserved, ctx.toc);
  drawPageChrome(ctx);
  doc.end();
  await ended;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
