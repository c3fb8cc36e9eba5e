/**
 * The page flow of the PDF report: places slices down the page and starts a new page when the next
 * one does not fit, keeps headings with what follows, and lays out tables that break between rows
 * and repeat their caption and header on every page they continue on. A row taller than a whole
 * page (a 10,000-character justification) is split between lines, never cut off.
 */

import { type Block, type Canvas, drawSlices, paragraph, type Slice, slicesHeight, stack } from './blocks.js';
import type { PdfDocument } from './document.js';
import type { Run, TextMeasure, TextStyle } from './text-layout.js';

export interface PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export interface TableColumn {
  readonly title: string;
  /** A fraction of the table's width; the fractions of a table add up to 1. */
  readonly width: number;
}

export interface TableRow {
  readonly cells: readonly (readonly Block[])[];
  readonly fill?: string | null | undefined;
  /** A named destination at the row, for links to it. */
  readonly anchor?: string | null | undefined;
}

export interface TableStyle {
  readonly head: TextStyle;
  readonly headFill: string;
  readonly headRule: string;
  readonly rule: string;
  readonly padX: number;
  readonly padY: number;
}

export interface TableOptions {
  /** Shown above the table, and again with "(continued)" on each further page. */
  readonly caption?: readonly Run[] | undefined;
  /** Draw no header row (a list of facts). */
  readonly headless?: boolean | undefined;
}

export class Flow implements Canvas {
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  y: number;
  /** The running-header title of pages started from now on. */
  chapter = '';
  /** The chapter of each page so far, by page index. */
  readonly chapters: string[] = [];

  constructor(
    readonly doc: PdfDocument,
    readonly measure: TextMeasure,
    readonly page: PageGeometry,
    readonly tableStyle: TableStyle,
  ) {
    this.left = page.left;
    this.width = page.width - page.left - page.right;
    this.top = page.top;
    this.bottom = page.height - page.bottom;
    this.y = this.top;
  }

  get bodyHeight(): number {
    return this.bottom - this.top;
  }

  /** Index of the page being filled (pages are buffered from the first). */
  get pageIndex(): number {
    return this.chapters.length - 1;
  }

  newPage(): void {
    this.doc.addPage();
    this.chapters.push(this.chapter);
    this.y = this.top;
  }

  remaining(): number {
    return this.bottom - this.y;
  }

  atTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  /** Starts a new page unless `height` points fit on this one (or this one is still empty). */
  ensure(height: number): void {
    if (height > this.remaining() + 0.01 && !this.atTop()) this.newPage();
  }

  /**
   * Places slices, starting a new page before any that does not fit. `keepTogether`: all on one
   * page if they fit on one. `keepWithNext`: that much room must be left after them (a heading
   * is never the last thing on a page).
   */
  place(slices: readonly Slice[], options: { keepTogether?: boolean; keepWithNext?: number } = {}): void {
    const total = slicesHeight(slices);
    const after = options.keepWithNext ?? 0;
    if ((options.keepTogether || after > 0) && total + after <= this.bodyHeight) this.ensure(total + after);
    for (const s of slices) {
      if (s.gap && this.atTop()) continue;
      if (s.height > this.remaining() + 0.01 && !this.atTop()) {
        this.newPage();
        if (s.gap) continue;
      }
      s.draw(this.left, this.y);
      this.y += s.height;
    }
  }

  add(
    blocks: Block | readonly Block[],
    options: { keepTogether?: boolean; keepWithNext?: number } = {},
  ): void {
    this.place(stack(Array.isArray(blocks) ? blocks : [blocks as Block], this.width), options);
  }

  /** A named destination here, for in-document links and the table of contents. */
  anchor(name: string): void {
    this.doc.addNamedDestination(name, 'XYZ', 0, Math.max(this.y - 8, 0), 0);
  }

  table(columns: readonly TableColumn[], rows: readonly TableRow[], options: TableOptions = {}): void {
    const st = this.tableStyle;
    const widths = columns.map((c) => c.width * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const inner = (i: number) => Math.max((widths[i] ?? 0) - 2 * st.padX, 1);
    const trim = (slices: Slice[]) => {
      let a = 0;
      let b = slices.length;
      while (a < b && slices[a]?.gap) a += 1;
      while (b > a && slices[b - 1]?.gap) b -= 1;
      return slices.slice(a, b);
    };

    const headCells = options.headless
      ? []
      : columns.map((c, i) =>
          paragraph(this, [{ text: c.title, style: st.head }], { leading: 1.25 })(inner(i)),
        );
    const headH = options.headless ? 0 : Math.max(...headCells.map(slicesHeight)) + 2 * st.padY;
    const caption = options.caption ? stack([paragraph(this, options.caption)], this.width) : [];
    const continued = options.caption
      ? stack(
          [
            paragraph(this, [
              ...options.caption,
              { text: ' (continued)', style: { ...(options.caption[0]?.style ?? st.head), font: 'italic' } },
            ]),
          ],
          this.width,
        )
      : [];
    const captionGap = caption.length ? 4 : 0;

    const drawHead = (withCaption: Slice[]) => {
      if (withCaption.length) {
        this.y += drawSlices(withCaption, this.left, this.y) + captionGap;
      }
      if (options.headless) return;
      const d = this.doc;
      d.rect(this.left, this.y, this.width, headH).fill(st.headFill);
      headCells.forEach((cell, i) => {
        drawSlices(cell, (xs[i] ?? 0) + st.padX, this.y + st.padY);
      });
      d.lineWidth(0.8)
        .strokeColor(st.headRule)
        .moveTo(this.left, this.y + headH)
        .lineTo(this.left + this.width, this.y + headH)
        .stroke();
      this.y += headH;
    };
    const continueOnNewPage = () => {
      this.newPage();
      drawHead(continued);
    };

    const laid = rows.map((row) => {
      const cells = row.cells.map((blocks, i) => trim(stack(blocks, inner(i))));
      return { row, cells, height: Math.max(0, ...cells.map(slicesHeight)) + 2 * st.padY };
    });

    const captionH = slicesHeight(caption) + captionGap;
    const fullRoom = this.bodyHeight - slicesHeight(continued) - captionGap - headH;
    // The caption and header stay with the first rows: up to three, or 110 points of them, and
    // always the whole first row unless it is taller than a page (then it is split anyway).
    const first = laid[0]?.height ?? 0;
    const firstRows = laid.slice(0, 3).reduce((h, r) => h + r.height, 0);
    const keep = first > fullRoom ? 60 : Math.min(firstRows, Math.max(110, first));
    this.ensure(captionH + headH + keep);
    drawHead(caption);

    for (const { row, cells, height } of laid) {
      if (height > this.remaining() && (height <= fullRoom || this.remaining() < 60)) continueOnNewPage();
      if (row.anchor) this.anchor(row.anchor);
      let left = cells.map((c) => [...c]);
      // Usually one pass; a row taller than the room left is drawn in parts, page by page.
      for (;;) {
        const room = this.remaining() - 2 * st.padY;
        const parts = left.map((c) => {
          let h = 0;
          let n = 0;
          while (n < c.length && h + (c[n]?.height ?? 0) <= room + 0.01) {
            h += c[n]?.height ?? 0;
            n += 1;
          }
          return n;
        });
        // On a fresh page, a cell whose next slice is taller than the page still gives one slice
        // (nothing is taller in practice), so the loop always ends.
        const fresh = room >= fullRoom - 2 * st.padY - 0.01;
        const take = parts.map((n, i) => (n === 0 && fresh && (left[i]?.length ?? 0) > 0 ? 1 : n));
        const taken = left.map((c, i) => c.slice(0, take[i]));
        left = left.map((c, i) => c.slice(take[i]));
        const h = Math.max(0, ...taken.map(slicesHeight)) + 2 * st.padY;
        const d = this.doc;
        if (row.fill) d.rect(this.left, this.y, this.width, h).fill(row.fill);
        taken.forEach((slices, i) => {
          drawSlices(slices, (xs[i] ?? 0) + st.padX, this.y + st.padY);
        });
        const done = left.every((c) => c.length === 0);
        d.lineWidth(0.5).strokeColor(st.rule);
        if (!done) d.dash(2, { space: 2 });
        d.moveTo(this.left, this.y + h)
          .lineTo(this.left + this.width, this.y + h)
          .stroke();
        if (!done) d.undash();
        this.y += h;
        if (done) break;
        continueOnNewPage();
      }
    }
  }
}
