/**
 * Building blocks of the PDF layout. A Block is content that lays itself out at a given width into
 * Slices: strips of known height that the flow places one after another and may put on separate
 * pages (a paragraph gives one slice per line, so it can break between any two lines; a badge gives
 * one slice, so it never breaks).
 */
import type { PdfDocument } from './document.js';
import { drawLine, type Line, linesWidth, type Run, type TextMeasure } from './text-layout.js';

export interface Slice {
  readonly height: number;
  /** Draws the slice with its top-left corner at (x, y). */
  readonly draw: (x: number, y: number) => void;
  /** Only vertical space: dropped at the top of a page. */
  readonly gap?: boolean;
  /** The width actually drawn, when less than the width given (a badge): lets `inline` pack them. */
  readonly width?: number;
}

export type Block = (width: number) => Slice[];

/** What every block needs: the document to draw on and the measure of its fonts. */
export interface Canvas {
  readonly doc: PdfDocument;
  readonly measure: TextMeasure;
}

export interface ParagraphOptions {
  readonly leading?: number;
  readonly align?: 'left' | 'right' | 'center';
}

export function paragraph(c: Canvas, runs: readonly Run[], options: ParagraphOptions = {}): Block {
  return (width) =>
    c.measure.lines(runs, width, options.leading).map((line) => ({
      height: line.height,
      draw: (x, y) => drawLine(c.doc, line, x, y, options.align, width),
    }));
}

export function gap(height: number): Block {
  return () => [{ height, gap: true, draw: () => {} }];
}

/** Lays blocks out one under another at the same width. */
export function stack(blocks: readonly Block[], width: number): Slice[] {
  return blocks.flatMap((b) => b(width));
}

export function slicesHeight(slices: readonly Slice[]): number {
  return slices.reduce((h, s) => h + s.height, 0);
}

/** Draws slices one under another from (x, y); returns the height used. */
export function drawSlices(slices: readonly Slice[], x: number, y: number): number {
  let at = y;
  for (const s of slices) {
    s.draw(x, at);
    at += s.height;
  }
  return at - y;
}

export interface PillStyle {
  readonly fill: string;
  readonly stroke?: string | null;
  readonly padX?: number;
  readonly padY?: number;
  readonly radius?: number;
}

/**
 * Text in a rounded box sized to it (an outcome badge, a tag). It wraps when the column is
 * narrower than the text, and never breaks across pages.
 */
export function pill(c: Canvas, runs: readonly Run[], style: PillStyle): Block {
  const padX = style.padX ?? 5;
  const padY = style.padY ?? 1.5;
  return (width) => {
    const room = Math.max(width - 2 * padX, 1);
    // A word wider than the column (a long status in a narrow one) is set smaller rather than
    // broken inside the word, down to 80% of the size.
    const widest = Math.max(
      0,
      ...runs.flatMap((r) => r.text.split(/\s+/).map((w) => c.measure.width(w, r.style))),
    );
    const scale = widest > room ? Math.max(0.8, room / widest) : 1;
    const fitted =
      scale === 1 ? runs : runs.map((r) => ({ ...r, style: { ...r.style, size: r.style.size * scale } }));
    const lines: Line[] = c.measure.lines(fitted, room, 1.25);
    const w = linesWidth(lines) + 2 * padX;
    const h = lines.reduce((a, l) => a + l.height, 0) + 2 * padY;
    return [
      {
        height: h,
        width: w,
        draw: (x, y) => {
          const r = Math.min(style.radius ?? h / 2, h / 2);
          c.doc.roundedRect(x, y, w, h, r);
          if (style.stroke) c.doc.lineWidth(0.6).fillAndStroke(style.fill, style.stroke);
          else c.doc.fill(style.fill);
          let at = y + padY;
          for (const l of lines) {
            drawLine(c.doc, l, x + padX, at);
            at += l.height;
          }
        },
      },
    ];
  };
}

/** Narrow blocks (badges, tags) side by side, wrapping onto further lines as needed. */
export function inline(blocks: readonly Block[], spacing: number, lineGap = 3): Block {
  return (width) => {
    const items = blocks.flatMap((b) => b(width)).map((s) => ({ s, w: Math.min(s.width ?? width, width) }));
    const rows: (typeof items)[] = [];
    let row: typeof items = [];
    let used = 0;
    for (const it of items) {
      if (row.length > 0 && used + spacing + it.w > width) {
        rows.push(row);
        row = [];
        used = 0;
      }
      used += (row.length > 0 ? spacing : 0) + it.w;
      row.push(it);
    }
    if (row.length > 0) rows.push(row);
    return rows.map((r, i) => ({
      height: Math.max(0, ...r.map((it) => it.s.height)) + (i < rows.length - 1 ? lineGap : 0),
      draw: (x: number, y: number) => {
        let at = x;
        for (const it of r) {
          it.s.draw(at, y);
          at += it.w + spacing;
        }
      },
    }));
  };
}

export interface BoxStyle {
  readonly fill?: string | null;
  /** A coloured rule down the left side (a quotation, a guideline's outcome). */
  readonly rule?: { readonly color: string; readonly width: number } | null;
  /** A thin border around the box. */
  readonly border?: string | null;
  readonly padding?: number;
  readonly padX?: number;
}

/**
 * Blocks inside a box with a background, a left rule or a border. The box breaks across pages
 * with its content: each slice draws its own strip of the background, so the parts join up.
 */
export function box(c: Canvas, inner: readonly Block[], style: BoxStyle): Block {
  const pad = style.padding ?? 6;
  const padX = style.padX ?? pad;
  const ruleW = style.rule?.width ?? 0;
  return (width) => {
    const innerLeft = ruleW + padX;
    const content = stack(inner, width - innerLeft - padX).filter(
      (s, i, all) => !(s.gap && (i === 0 || i === all.length - 1)),
    );
    const edge = (x: number, y: number, h: number, top: boolean, bottom: boolean) => {
      const d = c.doc;
      if (style.fill) d.rect(x, y, width, h).fill(style.fill);
      if (style.rule) d.rect(x, y, style.rule.width, h).fill(style.rule.color);
      if (style.border) {
        d.lineWidth(0.6).strokeColor(style.border);
        d.moveTo(x, y)
          .lineTo(x, y + h)
          .moveTo(x + width, y)
          .lineTo(x + width, y + h)
          .stroke();
        if (top)
          d.moveTo(x, y)
            .lineTo(x + width, y)
            .stroke();
        if (bottom)
          d.moveTo(x, y + h)
            .lineTo(x + width, y + h)
            .stroke();
      }
    };
    const n = content.length;
    const slices: Slice[] = [
      { height: pad, draw: (x, y) => edge(x, y, pad, true, n === 0) },
      ...content.map((s) => ({
        height: s.height,
        draw: (x: number, y: number) => {
          edge(x, y, s.height, false, false);
          s.draw(x + innerLeft, y);
        },
      })),
      { height: pad, draw: (x, y) => edge(x, y, pad, false, true) },
    ];
    return slices;
  };
}

/**
 * Blocks in columns side by side (key figures, a cover's facts): one slice as tall as the tallest
 * column. Widths are fractions of the whole; `spacing` goes between columns.
 */
export function columns(
  cols: readonly { readonly width: number; readonly blocks: readonly Block[] }[],
  spacing: number,
  frame?: (x: number, y: number, w: number, h: number) => void,
): Block {
  return (width) => {
    const free = width - spacing * (cols.length - 1);
    const laid = cols.map((col) => {
      const w = free * col.width;
      const slices = stack(col.blocks, w);
      return { w, slices, h: slicesHeight(slices) };
    });
    const h = Math.max(0, ...laid.map((l) => l.h));
    return [
      {
        height: h,
        draw: (x, y) => {
          let at = x;
          for (const l of laid) {
            frame?.(at, y, l.w, h);
            drawSlices(l.slices, at, y);
            at += l.w + spacing;
          }
        },
      },
    ];
  };
}

/** A block drawn `left` points in from the left and `right` from the right. */
export function indent(block: Block, left: number, right = 0): Block {
  return (width) =>
    block(width - left - right).map((s) => ({ ...s, draw: (x: number, y: number) => s.draw(x + left, y) }));
}

/**
 * One line with `left` and, right-aligned in `rightWidth`, `right` (a count, a badge), over a thin
 * rule: the lines of a key-figure box.
 */
export function splitLine(c: Canvas, left: Block, right: Block, rightWidth: number, rule: string): Block {
  return (width) => {
    const l = left(width - rightWidth - 4);
    const r = right(rightWidth);
    const h = Math.max(slicesHeight(l), slicesHeight(r)) + 3;
    return [
      {
        height: h,
        draw: (x, y) => {
          c.doc
            .lineWidth(0.4)
            .strokeColor(rule)
            .moveTo(x, y)
            .lineTo(x + width, y)
            .stroke();
          drawSlices(l, x, y + 1.5);
          let at = y + 1.5;
          for (const s of r) {
            s.draw(x + width - (s.width ?? rightWidth), at);
            at += s.height;
          }
        },
      },
    ];
  };
}
