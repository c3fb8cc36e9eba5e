/**
 * What the chapters of the PDF report share: the flow they write into, the report model and its
 * look-ups, and the bookkeeping for the table of contents and the PDF outline (bookmarks).
 */
import type { Report, ReportGuideline, ReportRequirement } from '../../core/report/report-model.js';
import { citedEvidence, evidenceKey } from '../labels.js';
import { gap, paragraph } from './blocks.js';
import type { PdfOutline } from './document.js';
import type { Flow } from './flow.js';
import { pdfText } from './text-layout.js';
import { COLOR, run, TEXT } from './theme.js';
import type { EvidenceIndex } from './widgets.js';

export interface TocEntry {
  readonly title: string;
  readonly level: 0 | 1;
  readonly anchor: string;
  /** Page index (0-based) where the entry starts. */
  readonly page: number;
}

export interface PdfContext {
  readonly flow: Flow;
  readonly report: Report;
  readonly byReq: ReadonlyMap<string, ReportRequirement>;
  readonly byGuideline: ReadonlyMap<string, ReportGuideline>;
  readonly evidenceIndex: EvidenceIndex;
  readonly toc: TocEntry[];
  /** The outline item of the chapter being written, for its sub-entries. */
  outline: PdfOutline | null;
}

export function pdfContext(flow: Flow, report: Report): PdfContext {
  return {
    flow,
    report,
    byReq: new Map(report.requirements.map((r) => [r.id, r])),
    byGuideline: new Map(report.guidelines.map((g) => [g.id, g])),
    evidenceIndex: new Map(citedEvidence(report).map((c) => [evidenceKey(c.evidence) ?? '', c.index])),
    toc: [],
    outline: null,
  };
}

// pdfkit's outline entries default to an XYZ destination at the page's right edge; Fit shows the page.
const FIT = { fit: true } as { expanded?: boolean };

/** Named destinations for in-document links; any catalog id is fine in a PDF string. */
export const guidelineAnchor = (gid: string) => `g-${gid}`;
export const rowAnchor = (gid: string, rid: string) => `g-${gid}-r-${rid}`;

/** Starts a chapter on a new page: running header, destination, contents and outline entries, heading. */
export function startChapter(ctx: PdfContext, title: string, anchor: string): void {
  const f = ctx.flow;
  f.chapter = title;
  f.newPage();
  f.anchor(anchor);
  ctx.toc.push({ title, level: 0, anchor, page: f.pageIndex });
  ctx.outline = f.doc.outline.addItem(pdfText(title), FIT);
  f.add(paragraph(f, [run(title, TEXT.h1)], { leading: 1.2 }));
  const y = f.y + 4;
  f.doc
    .lineWidth(1.2)
    .strokeColor(COLOR.line)
    .moveTo(f.left, y)
    .lineTo(f.left + f.width, y)
    .stroke();
  f.y = y + 12;
}

/** A sub-entry of the current chapter (a guideline): destination, contents and outline entries. */
export function markSubsection(ctx: PdfContext, title: string, anchor: string): void {
  const f = ctx.flow;
  f.anchor(anchor);
  ctx.toc.push({ title, level: 1, anchor, page: f.pageIndex });
  ctx.outline?.addItem(pdfText(title), FIT);
}

/** A heading inside a chapter, kept with the next 60 points of content. */
export function subheading(ctx: PdfContext, text: string, size: 'h2' | 'h3' = 'h2'): void {
  const f = ctx.flow;
  f.add([paragraph(f, [run(text, TEXT[size])], { leading: 1.25 }), gap(4)], { keepWithNext: 60 });
}
