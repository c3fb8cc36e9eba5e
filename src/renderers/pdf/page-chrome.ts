/**
 * What is drawn on the pages once the whole report is laid out and the page count is known: the
 * table of contents (on the pages reserved for it after the cover), and the running header and
 * footer with "Page N of M" on every page but the cover.
 */
import { formatTimestamp } from '../labels.js';
import type { PdfContext, TocEntry } from './context.js';
import { drawLine, fitLine, layoutLines } from './text-layout.js';
import { COLOR, PAGE, run, TEXT } from './theme.js';

const TOC_TOP = 40;
const TOC_LINE = { 0: 21, 1: 15.5 } as const;

/** How many pages the table of contents needs for `entries` entries of which `chapters` are chapters. */
export function contentsPages(ctx: PdfContext, chapters: number, entries: number): number {
  const height = chapters * TOC_LINE[0] + (entries - chapters) * TOC_LINE[1];
  return Math.max(1, Math.ceil((height + TOC_TOP) / ctx.flow.bodyHeight));
}

export function drawContents(ctx: PdfContext, pages: readonly number[], toc: readonly TocEntry[]): void {
  const f = ctx.flow;
  const d = f.doc;
  let p = 0;
  const first = pages[0];
  if (first === undefined) return;
  d.switchToPage(first);
  f.doc.addNamedDestination('contents', 'XYZ', 0, f.top, 0);
  const title = layoutLines(f.measure, [run('Contents', TEXT.h1)], f.width, 1.2)[0];
  if (title) drawLine(d, title, f.left, f.top);
  let y = f.top + TOC_TOP;
  d.lineWidth(1.2)
    .strokeColor(COLOR.line)
    .moveTo(f.left, y - 12)
    .lineTo(f.left + f.width, y - 12)
    .stroke();
  for (const e of toc) {
    const h = TOC_LINE[e.level];
    if (y + h > f.bottom) {
      p += 1;
      const next = pages[p];
      if (next === undefined) return;
      d.switchToPage(next);
      y = f.top;
    }
    const style = e.level === 0 ? { ...TEXT.body, font: 'bold' as const, size: 10.5 } : TEXT.body;
    const indent = e.level === 0 ? 0 : 16;
    const num = layoutLines(f.measure, [run(String(e.page + 1), style)], 60)[0];
    const numW = num?.width ?? 0;
    const label = fitLine(f.measure, e.title, style, f.width - indent - numW - 30);
    const top = y + (e.level === 0 ? 6 : 0);
    drawLine(d, label, f.left + indent, top);
    if (num) drawLine(d, num, f.left + f.width - numW, top);
    // Dotted leader from the title to the page number.
    const baseline = top + label.height * 0.72;
    d.save()
      .lineWidth(0.6)
      .dash(0.6, { space: 2.4 })
      .strokeColor('#9aa5b1')
      .moveTo(f.left + indent + label.width + 6, baseline)
      .lineTo(f.left + f.width - numW - 6, baseline)
      .stroke()
      .undash()
      .restore();
    d.goTo(f.left, top, f.width, label.height, e.anchor);
    y += h;
  }
}

/** The running header (report and chapter) and footer (generation, page number) of pages 2 to N. */
export function drawPageChrome(ctx: PdfContext): void {
  const f = ctx.flow;
  const d = f.doc;
  const r = ctx.report;
  const total = f.chapters.length;
  const small = { ...TEXT.small, size: 7, color: COLOR.muted };
  const left = f.left;
  const right = f.left + f.width;
  for (let i = 1; i < total; i += 1) {
    d.switchToPage(i);
    const headY = 26;
    const chapter = f.chapters[i] ?? '';
    const chapterLine = fitLine(f.measure, chapter, { ...small, font: 'bold' }, f.width * 0.4);
    const product = fitLine(
      f.measure,
      `${r.product.name} — security compliance report`,
      small,
      f.width - chapterLine.width - 24,
    );
    drawLine(d, product, left, headY);
    drawLine(d, chapterLine, right - chapterLine.width, headY);
    d.lineWidth(0.5)
      .strokeColor(COLOR.line)
      .moveTo(left, headY + 14)
      .lineTo(right, headY + 14)
      .stroke();

    const footY = PAGE.height - 38;
    d.lineWidth(0.5)
      .strokeColor(COLOR.line)
      .moveTo(left, footY - 6)
      .lineTo(right, footY - 6)
      .stroke();
    const page = fitLine(
      f.measure,
      `Page ${i + 1} of ${total}`,
      { ...small, font: 'bold', color: COLOR.ink },
      120,
    );
    const made = fitLine(
      f.measure,
      `Generated ${formatTimestamp(r.generatedAt)} by ${r.tool.name} ${r.tool.version} from the assessment; outcomes computed by its engine.`,
      small,
      f.width - page.width - 24,
    );
    drawLine(d, made, left, footY);
    drawLine(d, page, right - page.width, footY);
  }
}
