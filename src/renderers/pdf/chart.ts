/**
 * The guideline chart of the PDF report, drawn as vectors: one tile per guideline coloured and
 * labelled by its outcome (the glyph and the word, so colour is never the only cue), with a bar of
 * the statuses of its requirements; and the stacked bar of all requirement statuses. The same
 * design as the HTML report's SVG (guideline-chart-svg.ts), from the same report model.
 */
import type { EffectiveStatus } from '../../core/outcome/outcome-types.js';
import type { Report, ReportGuideline } from '../../core/report/report-model.js';
import { tileCaption } from '../guideline-chart-svg.js';
import {
  guidelineNumber,
  guidelineTitle,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  STATUS_ORDER,
  STATUS_STYLE,
} from '../labels.js';
import type { Block, Canvas, Slice } from './blocks.js';
import { drawLine, fitLine, layoutLines } from './text-layout.js';
import { COLOR, run } from './theme.js';

const COLUMNS = 5;
const GAP = 8;
const TILE_H = 100;
const BAND = 16;
const PAD = 7;

/** Coloured segments of `counts` across a bar, in status order. */
export function drawStatusSegments(
  c: Canvas,
  counts: Readonly<Record<EffectiveStatus, number>>,
  total: number,
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  if (total === 0) return;
  let at = x;
  for (const status of STATUS_ORDER) {
    const n = counts[status];
    if (n === 0) continue;
    const w = (n / total) * width;
    c.doc.rect(at, y, w, height).fill(STATUS_STYLE[status].bar);
    at += w;
  }
}

/** A tile's title in at most `maxLines` lines, the last cut with an ellipsis if the title is longer. */
function drawTitleLines(
  c: Canvas,
  text: string,
  x: number,
  y: number,
  width: number,
  maxLines: number,
): void {
  const style = { font: 'bold' as const, size: 7.4, color: COLOR.ink };
  const lines = layoutLines(c.measure, [run(text, style)], width, 1.22);
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines && shown.length > 0) {
    // Re-lay the last shown line with an ellipsis, shortening its text until it fits.
    const last = shown[shown.length - 1];
    let words = (last?.pieces ?? []).map((p) => p.text);
    let fitted = layoutLines(c.measure, [run(`${words.join(' ')}…`, style)], width, 1.22);
    while (fitted.length > 1 && words.length > 1) {
      words = words.slice(0, -1);
      fitted = layoutLines(c.measure, [run(`${words.join(' ')}…`, style)], width, 1.22);
    }
    shown[shown.length - 1] = fitted[0] ?? (last as (typeof shown)[number]);
  }
  let at = y;
  for (const l of shown) {
    drawLine(c.doc, l, x, at);
    at += l.height;
  }
}

function drawTile(c: Canvas, g: ReportGuideline, x: number, y: number, w: number): void {
  const d = c.doc;
  const st = OUTCOME_STYLE[g.outcome];
  d.roundedRect(x, y, w, TILE_H, 5).lineWidth(0.9).fillAndStroke(st.bg, st.fg);
  // The coloured band: rounded at the top only.
  d.save();
  d.roundedRect(x, y, w, TILE_H, 5).clip();
  d.rect(x, y, w, BAND).fill(st.fg);
  d.restore();
  const label = layoutLines(
    c.measure,
    [run(`${st.glyph}  ${st.label}`, { font: 'bold', size: 7, color: '#ffffff' })],
    w,
    1.2,
  );
  if (label[0]) drawLine(c.doc, label[0], x + PAD, y + (BAND - label[0].height) / 2);
  const num = layoutLines(
    c.measure,
    [run(guidelineNumber(g), { font: 'bold', size: 16, color: st.fg })],
    w,
    1.1,
  );
  if (num[0]) drawLine(c.doc, num[0], x + PAD, y + BAND + 3);
  if (g.topPriority) {
    const top = layoutLines(
      c.measure,
      [run('TOP PRIORITY', { font: 'bold', size: 5.2, color: st.fg })],
      w,
      1.2,
    );
    const tw = (top[0]?.width ?? 0) + 7;
    const tx = x + w - PAD - tw;
    d.roundedRect(tx, y + BAND + 7, tw, 9.5, 4.75)
      .lineWidth(0.6)
      .fillAndStroke('#ffffff', st.fg);
    if (top[0]) drawLine(c.doc, top[0], tx + 3.5, y + BAND + 7 + (9.5 - top[0].height) / 2);
  }
  drawTitleLines(c, guidelineTitle(g), x + PAD, y + BAND + 25, w - 2 * PAD, 4);
  const barY = y + TILE_H - 22;
  const barW = w - 2 * PAD;
  d.roundedRect(x + PAD, barY, barW, 4.5, 2.25)
    .lineWidth(0.4)
    .fillAndStroke('#ffffff', '#d0d7de');
  d.save();
  d.roundedRect(x + PAD, barY, barW, 4.5, 2.25).clip();
  if (g.requirements.length > 0)
    drawStatusSegments(c, g.counts, g.requirements.length, x + PAD, barY, barW, 4.5);
  else if (g.attestation) d.rect(x + PAD, barY, barW, 4.5).fill(STATUS_STYLE[g.attestation.status].bar);
  d.restore();
  // The caption in one line: a smaller size when the tile is too narrow for it at 5.9 pt.
  const caption = tileCaption(g);
  const capSize = Math.max(
    4.6,
    Math.min(
      5.9,
      // 0.96: the line is measured word by word, which can come out a hair wider than the whole.
      (0.96 * 5.9 * barW) / c.measure.width(caption, { font: 'regular', size: 5.9, color: COLOR.muted }),
    ),
  );
  const cap = fitLine(c.measure, caption, { font: 'regular', size: capSize, color: COLOR.muted }, barW);
  drawLine(c.doc, cap, x + PAD, y + TILE_H - 14);
}

function drawLegend(
  c: Canvas,
  heading: string,
  entries: readonly { label: string; fill: string; glyph: string }[],
  x: number,
  y: number,
): void {
  const head = layoutLines(c.measure, [run(heading, { font: 'bold', size: 7, color: COLOR.ink })], 200, 1.2);
  if (head[0]) drawLine(c.doc, head[0], x, y);
  entries.forEach((e, i) => {
    const ey = y + 13 + i * 11.5;
    c.doc.roundedRect(x, ey, 8.5, 8.5, 1.5).fill(e.fill);
    if (e.glyph) {
      const g = layoutLines(c.measure, [run(e.glyph, { font: 'bold', size: 6, color: '#ffffff' })], 20, 1.2);
      if (g[0]) drawLine(c.doc, g[0], x, ey + (8.5 - g[0].height) / 2, 'center', 8.5);
    }
    const l = layoutLines(
      c.measure,
      [run(e.label, { font: 'regular', size: 6.8, color: COLOR.ink })],
      200,
      1.2,
    );
    if (l[0]) drawLine(c.doc, l[0], x + 12, ey + (8.5 - l[0].height) / 2);
  });
}

const OUTCOME_LEGEND = OUTCOME_ORDER.map((o) => ({
  label: OUTCOME_STYLE[o].label,
  fill: OUTCOME_STYLE[o].fg,
  glyph: OUTCOME_STYLE[o].glyph,
}));
const STATUS_LEGEND = STATUS_ORDER.map((s) => ({
  label: STATUS_STYLE[s].label,
  fill: STATUS_STYLE[s].bar,
  glyph: '',
}));
const LEGEND_H = 13 + 6 * 11.5;

/**
 * The tile chart, one slice per row of tiles (so a catalog with many guidelines can continue on the
 * next page); the legend sits in the free places of the last row, or under the tiles.
 */
export function guidelineChart(c: Canvas, report: Report): Block {
  return (width) => {
    const gs = report.guidelines;
    const w = (width - (COLUMNS - 1) * GAP) / COLUMNS;
    const rows = Math.ceil(gs.length / COLUMNS);
    const free = rows * COLUMNS - gs.length;
    const inGrid = free >= 2;
    const slices: Slice[] = [];
    for (let r = 0; r < rows; r += 1) {
      const rowTiles = gs.slice(r * COLUMNS, (r + 1) * COLUMNS);
      const last = r === rows - 1;
      slices.push({
        height: TILE_H + (last ? 0 : GAP),
        draw: (x, y) => {
          rowTiles.forEach((g, i) => {
            drawTile(c, g, x + i * (w + GAP), y, w);
          });
          if (last && inGrid) {
            const lx = x + rowTiles.length * (w + GAP) + 8;
            drawLegend(c, 'Guideline outcome', OUTCOME_LEGEND, lx, y + 4);
            drawLegend(c, 'Requirement status', STATUS_LEGEND, lx + Math.min(w + GAP, 100), y + 4);
          }
        },
      });
    }
    if (!inGrid) {
      slices.push({
        height: LEGEND_H + 10,
        draw: (x, y) => {
          drawLegend(c, 'Guideline outcome', OUTCOME_LEGEND, x, y + 10);
          drawLegend(c, 'Requirement status', STATUS_LEGEND, x + 150, y + 10);
        },
      });
    }
    return slices;
  };
}

/** The stacked bar of every requirement's status (for the executive summary). */
export function statusBar(c: Canvas, report: Report, height = 7): Block {
  const s = report.summary;
  return (width) => [
    {
      height: height + 4,
      draw: (x, y) => {
        c.doc.save();
        c.doc.roundedRect(x, y + 2, width, height, height / 2).clip();
        c.doc.rect(x, y + 2, width, height).fill('#eef1f4');
        drawStatusSegments(c, s.statusCounts, s.requirementsTotal, x, y + 2, width, height);
        c.doc.restore();
      },
    },
  ];
}
