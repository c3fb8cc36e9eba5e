/**
 * Rich text for the PDF report: runs of text in several styles, wrapped into lines by measuring
 * words with the embedded fonts, then drawn line by line. The report lays out every paragraph and
 * table cell itself (rather than with pdfkit's own wrapping) so that the height it measures is the
 * height it draws: that is what lets tables break between rows and repeat their headers.
 *
 * Every string drawn into the PDF passes through `pdfText` here, so report data reaches the page
 * only as glyphs: control characters and bidirectional overrides are removed and nothing in a
 * string is interpreted.
 */

import { withoutControls } from '../html-escape.js';
import type { PdfDocument } from './document.js';
import { ASCENT, DESCENT, type FontName } from './fonts.js';

export interface TextStyle {
  readonly font: FontName;
  readonly size: number;
  readonly color: string;
}

/** Text in one style; `link` is an http(s) URL already checked with safeHref, `goTo` a named destination. */
export interface Run {
  readonly text: string;
  readonly style: TextStyle;
  readonly link?: string | null | undefined;
  readonly goTo?: string | null | undefined;
}

interface Piece {
  readonly x: number;
  readonly width: number;
  readonly text: string;
  readonly run: Run;
  /** A space separates this piece from the one before it on the line. */
  readonly spaced: boolean;
}

export interface Line {
  readonly width: number;
  readonly height: number;
  /** The largest font size on the line, which sets the baseline. */
  readonly size: number;
  readonly pieces: readonly Piece[];
}

/**
 * Report data as plain text for the page: line breaks normalised to \n, tabs to spaces, other
 * control characters replaced (as in the HTML and text reports), and the invisible bidirectional
 * controls that could make a string display as something else removed.
 */
export function pdfText(value: string): string {
  return withoutControls(value.replace(/\r\n?|[\u2028\u2029]/g, '\n'))
    .replace(/[\t\r]/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/**
 * Widths of words in em (so for any size), by font and word. The fonts are the same files in every
 * document, so the widths are kept for the process: a server rendering many reports measures each
 * word once. Bounded, so that rendering hostile input cannot grow it without limit.
 */
const EM_WIDTHS = new Map<FontName, Map<string, number>>();
const EM_WIDTHS_MAX = 100_000;

/** Measures words with the document's embedded fonts. */
export class TextMeasure {
  /**
   * Paragraphs already laid out, by text, styles and width: a report shows the same texts many
   * times (a requirement under each of its guidelines, every "Compliant" badge), and lines are
   * immutable, so each is laid out once per document.
   */
  private readonly laidOut = new Map<string, Line[]>();

  constructor(private readonly doc: PdfDocument) {}

  lines(runs: readonly Run[], maxWidth: number, leading?: number): Line[] {
    // Long texts are seldom repeated; building their key would cost more than it saves.
    if (runs.reduce((n, r) => n + r.text.length, 0) > 600) return layoutLines(this, runs, maxWidth, leading);
    let key = `${maxWidth}\u0001${leading ?? ''}`;
    for (const r of runs) {
      const s = r.style;
      key += `\u0002${s.font}\u0001${s.size}\u0001${s.color}\u0001${r.link ?? ''}\u0001${r.goTo ?? ''}\u0001${r.text}`;
    }
    let lines = this.laidOut.get(key);
    if (!lines) {
      lines = layoutLines(this, runs, maxWidth, leading);
      this.laidOut.set(key, lines);
    }
    return lines;
  }

  width(text: string, style: TextStyle): number {
    let ems = EM_WIDTHS.get(style.font);
    if (!ems) {
      ems = new Map();
      EM_WIDTHS.set(style.font, ems);
    }
    let em = ems.get(text);
    if (em === undefined) {
      em = this.doc.font(style.font).fontSize(1000).widthOfString(text) / 1000;
      if (ems.size >= EM_WIDTHS_MAX) ems.clear();
      ems.set(text, em);
    }
    return em * style.size;
  }
}

type Atom =
  | { readonly kind: 'word'; readonly parts: { run: Run; text: string }[] }
  | { readonly kind: 'space'; readonly run: Run }
  | { readonly kind: 'break'; readonly run: Run };

/** Words (which may span runs: "Guideline" in bold directly followed by "1:" is one word), spaces and breaks. */
function atomsOf(runs: readonly Run[]): Atom[] {
  const atoms: Atom[] = [];
  let glued = false;
  for (const run of runs) {
    for (const m of pdfText(run.text).matchAll(/\n| +|[^ \n]+/g)) {
      const t = m[0];
      if (t === '\n') {
        atoms.push({ kind: 'break', run });
        glued = false;
      } else if (t.startsWith(' ')) {
        atoms.push({ kind: 'space', run });
        glued = false;
      } else {
        const last = atoms[atoms.length - 1];
        if (glued && last?.kind === 'word') last.parts.push({ run, text: t });
        else atoms.push({ kind: 'word', parts: [{ run, text: t }] });
        glued = true;
      }
    }
  }
  return atoms;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Characters after which a long token (a path, URL or hash) reads best when broken. */
const BREAK_AFTER = /[/\\\-_.?&=#:,;+)\]]/;

/** Wraps runs into lines of at most `maxWidth` points; `leading` is line height over font size. */
export function layoutLines(
  measure: TextMeasure,
  runs: readonly Run[],
  maxWidth: number,
  leading = 1.32,
): Line[] {
  const lines: Line[] = [];
  let pieces: Piece[] = [];
  let width = 0;
  let size = 0;
  let space: { width: number } | null = null;
  let lastRun: Run | undefined = runs[0];

  const endLine = () => {
    const s = size || lastRun?.style.size || 0;
    lines.push({ width, height: s * leading, size: s, pieces });
    pieces = [];
    width = 0;
    size = 0;
    space = null;
  };
  const put = (run: Run, text: string, w: number, spaced: boolean) => {
    pieces.push({ x: width, width: w, text, run, spaced });
    width += w;
    size = Math.max(size, run.style.size);
    lastRun = run;
  };
  const putWord = (parts: readonly { run: Run; text: string }[], widths: readonly number[]) => {
    const gap = pieces.length > 0 && space ? space.width : 0;
    width += gap;
    parts.forEach((p, i) => {
      put(p.run, p.text, widths[i] ?? 0, i === 0 && gap > 0);
    });
    space = null;
  };

  for (const atom of atomsOf(runs)) {
    if (atom.kind === 'break') {
      lastRun = atom.run;
      endLine();
      continue;
    }
    if (atom.kind === 'space') {
      if (pieces.length > 0) space = { width: measure.width(' ', atom.run.style) };
      continue;
    }
    const widths = atom.parts.map((p) => measure.width(p.text, p.run.style));
    const w = widths.reduce((a, b) => a + b, 0);
    const gap = pieces.length > 0 && space ? space.width : 0;
    if (width + gap + w <= maxWidth || (pieces.length === 0 && w <= maxWidth)) {
      putWord(atom.parts, widths);
    } else if (w <= maxWidth) {
      endLine();
      putWord(atom.parts, widths);
    } else {
      // Longer than a whole line: break it, filling the current line first if much of it is free.
      if (pieces.length > 0 && maxWidth - width - gap < maxWidth * 0.3) endLine();
      const units = atom.parts.flatMap((p) =>
        [...graphemes.segment(p.text)].map((g) => ({
          run: p.run,
          text: g.segment,
          width: measure.width(g.segment, p.run.style),
        })),
      );
      let first = true;
      while (units.length > 0) {
        const lead = first && pieces.length > 0 && space ? space.width : 0;
        const room = maxWidth - width - lead;
        let n = 0;
        let used = 0;
        while (n < units.length && used + (units[n]?.width ?? 0) <= room) {
          used += units[n]?.width ?? 0;
          n += 1;
        }
        if (n === 0 && pieces.length > 0) {
          endLine();
          first = false;
          continue;
        }
        if (n < units.length) {
          n = Math.max(n, 1);
          // Prefer to break after a separator in the second half of what fits.
          for (let i = n - 1; i >= Math.ceil(n / 2); i -= 1) {
            if (BREAK_AFTER.test(units[i]?.text ?? '')) {
              n = i + 1;
              break;
            }
          }
        }
        const taken = units.splice(0, n);
        width += lead;
        let spaced = lead > 0;
        // One piece per run among the taken characters.
        for (let i = 0; i < taken.length; ) {
          const run = taken[i]?.run as Run;
          let text = '';
          let w = 0;
          while (i < taken.length && taken[i]?.run === run) {
            text += taken[i]?.text ?? '';
            w += taken[i]?.width ?? 0;
            i += 1;
          }
          put(run, text, w, spaced);
          spaced = false;
        }
        space = null;
        if (units.length > 0) endLine();
        first = false;
      }
    }
  }
  if (pieces.length > 0 || lines.length === 0) endLine();
  return lines;
}

/** The widest line, for boxes sized to their text (badges, tags). */
export function linesWidth(lines: readonly Line[]): number {
  return lines.reduce((m, l) => Math.max(m, l.width), 0);
}

/** Runs that draw alike (same font, size, colour and target) can be drawn as one string. */
function sameLook(a: Run | undefined, b: Run): boolean {
  if (!a) return false;
  if (a === b) return true;
  return (
    a.style.font === b.style.font &&
    a.style.size === b.style.size &&
    a.style.color === b.style.color &&
    (a.link ?? null) === (b.link ?? null) &&
    (a.goTo ?? null) === (b.goTo ?? null)
  );
}

/**
 * Draws a line with its top at `top`. Adjacent words of the same run are drawn as one string (far
 * fewer drawing operations); links and in-document jumps get an annotation over their words.
 */
export function drawLine(
  doc: PdfDocument,
  line: Line,
  x: number,
  top: number,
  align: 'left' | 'right' | 'center' = 'left',
  width = line.width,
): void {
  const baseline = top + (line.height - line.size * (ASCENT + DESCENT)) / 2 + line.size * ASCENT;
  const dx = align === 'right' ? width - line.width : align === 'center' ? (width - line.width) / 2 : 0;
  let i = 0;
  const pieces = line.pieces;
  while (i < pieces.length) {
    const first = pieces[i] as Piece;
    let text = first.text;
    let end = first.x + first.width;
    i += 1;
    while (i < pieces.length && sameLook(pieces[i]?.run, first.run)) {
      const p = pieces[i] as Piece;
      text += p.spaced ? ` ${p.text}` : p.text;
      end = p.x + p.width;
      i += 1;
    }
    const { style } = first.run;
    const left = x + dx + first.x;
    // textWidth and wordCount (pdfkit 0.16+, not yet in its type definitions): known here, which
    // spares pdfkit measuring and splitting the string once more (word spacing is not used).
    const options = { lineBreak: false, textWidth: end - first.x, wordCount: 1 };
    doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor(style.color)
      .text(text, left, baseline - style.size * ASCENT, options);
    if (first.run.link) doc.link(left, top, end - first.x, line.height, first.run.link);
    if (first.run.goTo) doc.goTo(left, top, end - first.x, line.height, first.run.goTo);
  }
}

/** One line of text, cut short with an ellipsis if it is wider than `maxWidth` (running headers). */
export function fitLine(measure: TextMeasure, text: string, style: TextStyle, maxWidth: number): Line {
  const one = (t: string) => layoutLines(measure, [{ text: t, style }], Number.POSITIVE_INFINITY)[0] as Line;
  const flat = pdfText(text).replace(/\n/g, ' ');
  const full = one(flat);
  if (full.width <= maxWidth) return full;
  const units = [...graphemes.segment(flat)].map((g) => g.segment);
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (one(`${units.slice(0, mid).join('').trimEnd()}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return one(`${units.slice(0, lo).join('').trimEnd()}…`);
}
