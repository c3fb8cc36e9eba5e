/**
 * Inline SVG charts for the HTML report: one tile per guideline coloured by its outcome, and a
 * stacked bar of requirement statuses. Pure markup, no script, no external resources; every mark has
 * a <title> and every outcome is written out in text, so colour is never the only cue.
 */
import type { EffectiveStatus } from '../core/outcome/outcome-types.js';
import type { Report, ReportGuideline } from '../core/report/report-model.js';
import { html, type SafeHtml } from './html-escape.js';
import {
  applicableCount,
  guidelineNumber,
  guidelineTitle,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  STATUS_ORDER,
  STATUS_STYLE,
} from './labels.js';

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';
const WIDTH = 1000;
const COLUMNS = 5;
const GAP = 12;
const TILE_H = 180;
const INK = '#1f2328';
const MUTED = '#57606a';

/** Rough width of text in the system sans-serif (bold is wider), for wrapping and laying out labels. */
function textWidth(text: string, size: number, bold = false): number {
  return text.length * size * (bold ? 0.6 : 0.56);
}

/** Greedy word wrap to `maxLines` lines of at most `maxWidth` px; the last line ends in … if cut. */
export function wrapLines(
  text: string,
  size: number,
  maxWidth: number,
  maxLines: number,
  bold = false,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > maxWidth) {
      lines.push(line);
      line = word;
      if (lines.length === maxLines) break;
    } else {
      line = next;
    }
  }
  if (lines.length < maxLines) {
    lines.push(line);
    return lines;
  }
  // Cut: end the last kept line with an ellipsis.
  const last = lines[maxLines - 1] ?? '';
  let cut = last;
  while (cut.length > 1 && textWidth(`${cut}…`, size, bold) > maxWidth) cut = cut.slice(0, -1);
  lines[maxLines - 1] = `${cut.trimEnd()}…`;
  return lines;
}

function statusSegments(
  counts: Readonly<Record<EffectiveStatus, number>>,
  total: number,
  x: number,
  y: number,
  width: number,
  height: number,
): SafeHtml[] {
  const segments: SafeHtml[] = [];
  let at = x;
  for (const status of STATUS_ORDER) {
    const n = counts[status];
    if (n === 0 || total === 0) continue;
    const w = (n / total) * width;
    const st = STATUS_STYLE[status];
    segments.push(
      html`<rect x="${at.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${height}" fill="${st.bar}"><title>${n} ${st.label.toLowerCase()}</title></rect>`,
    );
    at += w;
  }
  return segments;
}

/** The line at the foot of a guideline's tile: how many applicable requirements comply, or its attestation. */
export function tileCaption(g: ReportGuideline): string {
  if (g.requirements.length > 0) return `${g.counts.compliant} of ${applicableCount(g)} applicable compliant`;
  return g.attestation
    ? `Attested: ${STATUS_STYLE[g.attestation.status].label.toLowerCase()}`
    : 'No mapped requirement';
}

function tile(g: ReportGuideline, x: number, y: number, w: number): SafeHtml {
  const st = OUTCOME_STYLE[g.outcome];
  const title = guidelineTitle(g);
  const num = guidelineNumber(g);
  const r = 10;
  const band = 30;
  const pad = 14;
  const lines = wrapLines(title, 13.5, w - 2 * pad, 4, true);
  const caption = tileCaption(g);
  const tip = `Guideline ${num}: ${title}. ${st.label}. ${g.reason}`;
  const barY = TILE_H - 36;
  const barW = w - 2 * pad;
  return html`<g class="tile" transform="translate(${x.toFixed(2)} ${y})" data-guideline="${g.id}" data-outcome="${g.outcome}">
<title>${tip}</title>
<rect width="${w.toFixed(2)}" height="${TILE_H}" rx="${r}" fill="${st.bg}" stroke="${st.fg}" stroke-width="1.5"/>
<path d="M0 ${band} V${r} A${r} ${r} 0 0 1 ${r} 0 H${(w - r).toFixed(2)} A${r} ${r} 0 0 1 ${w.toFixed(2)} ${r} V${band} Z" fill="${st.fg}"/>
<text x="${pad}" y="20" fill="#ffffff" font-size="13" font-weight="700">${st.glyph}<tspan dx="7">${st.label}</tspan></text>
<text x="${pad}" y="${band + 32}" fill="${st.fg}" font-size="28" font-weight="800">${num}</text>
${
  g.topPriority
    ? html`<g transform="translate(${(w - pad - 94).toFixed(2)} ${band + 11})"><rect width="94" height="20" rx="10" fill="#ffffff" stroke="${st.fg}"/><text x="47" y="14" text-anchor="middle" fill="${st.fg}" font-size="10.5" font-weight="700" letter-spacing="0.4">TOP PRIORITY</text></g>`
    : ''
}
${lines.map((l, i) => html`<text x="${pad}" y="${band + 56 + i * 17}" fill="${INK}" font-size="13.5" font-weight="600">${l}</text>`)}
<rect x="${pad}" y="${barY}" width="${barW.toFixed(2)}" height="8" rx="4" fill="#ffffff" stroke="#d0d7de" stroke-width="0.75"/>
${
  g.requirements.length
    ? statusSegments(g.counts, g.requirements.length, pad, barY, barW, 8)
    : g.attestation
      ? html`<rect x="${pad}" y="${barY}" width="${barW.toFixed(2)}" height="8" rx="4" fill="${STATUS_STYLE[g.attestation.status].bar}"><title>Guideline-level attestation: ${STATUS_STYLE[g.attestation.status].label.toLowerCase()}</title></rect>`
      : ''
}
<text x="${pad}" y="${TILE_H - 14}" fill="${MUTED}" font-size="11.5">${caption}</text>
</g>`;
}

interface LegendEntry {
  readonly label: string;
  readonly fill: string;
  readonly glyph: string;
}

/** A legend column: heading, then one entry a line. */
function legendColumn(heading: string, entries: readonly LegendEntry[], x: number, y: number): SafeHtml {
  return html`<g transform="translate(${x.toFixed(2)} ${y})"><text x="0" y="14" fill="${INK}" font-size="12.5" font-weight="700">${heading}</text>${entries.map(
    (e, i) =>
      html`<g transform="translate(0 ${28 + i * 23})"><rect width="16" height="16" rx="3" fill="${e.fill}"/><text x="8" y="12.5" text-anchor="middle" fill="#ffffff" font-size="11" font-weight="700">${e.glyph}</text><text x="24" y="12.5" fill="${INK}" font-size="12.5">${e.label}</text></g>`,
  )}</g>`;
}

function legendRow(heading: string, entries: readonly LegendEntry[], y: number): SafeHtml {
  let x = 0;
  const items: SafeHtml[] = [
    html`<text x="0" y="${y + 12}" fill="${INK}" font-size="12" font-weight="700">${heading}</text>`,
  ];
  x += textWidth(heading, 12) + 18;
  for (const e of entries) {
    items.push(
      html`<g transform="translate(${x.toFixed(2)} ${y})"><rect width="16" height="16" rx="3" fill="${e.fill}"/><text x="8" y="12.5" text-anchor="middle" fill="#ffffff" font-size="11" font-weight="700">${e.glyph}</text><text x="22" y="12.5" fill="${INK}" font-size="12">${e.label}</text></g>`,
    );
    x += 22 + textWidth(e.label, 12) + 22;
  }
  return html`${items}`;
}

/** The guideline tile chart. `data-guideline` on each tile lets tests count the marks. */
export function guidelineChartSvg(report: Report): SafeHtml {
  const gs = report.guidelines;
  const cols = Math.min(COLUMNS, Math.max(1, gs.length));
  const w = (WIDTH - (cols - 1) * GAP) / cols;
  const rows = Math.ceil(gs.length / cols);
  const gridH = rows * TILE_H + Math.max(0, rows - 1) * GAP;
  // The legend goes into the free slots of the last row when there are two or more, else below.
  const free = rows * cols - gs.length;
  const inGrid = free >= 2;
  const legendY = gridH + 22;
  const height = inGrid ? gridH : legendY + 58;
  const tiles = gs.map((g, i) => tile(g, (i % cols) * (w + GAP), Math.floor(i / cols) * (TILE_H + GAP), w));
  const met = report.summary.guidelinesMet;
  const outcomeLegend = OUTCOME_ORDER.map((o) => ({
    label: OUTCOME_STYLE[o].label,
    fill: OUTCOME_STYLE[o].fg,
    glyph: OUTCOME_STYLE[o].glyph,
  }));
  const statusLegend = STATUS_ORDER.map((s) => ({
    label: STATUS_STYLE[s].label,
    fill: STATUS_STYLE[s].bar,
    glyph: '',
  }));
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="chart-title chart-desc" font-family="${FONT}">
<title id="chart-title">Outcome of each of the ${gs.length} guidelines</title>
<desc id="chart-desc">${met} of ${report.summary.guidelinesTotal} guidelines met. ${gs.map((g) => `${guidelineNumber(g)} ${guidelineTitle(g)}: ${OUTCOME_STYLE[g.outcome].label}.`).join(' ')}</desc>
${tiles}
<g class="legend">
${
  inGrid
    ? html`${legendColumn('Guideline outcome', outcomeLegend, (cols - free) * (w + GAP) + 14, (rows - 1) * (TILE_H + GAP) + 4)}
${legendColumn('Requirement status', statusLegend, (cols - free) * (w + GAP) + 14 + Math.min(w + GAP, 184), (rows - 1) * (TILE_H + GAP) + 4)}`
    : html`${legendRow('Outcome', outcomeLegend, legendY)}
${legendRow('Bar: requirements', statusLegend, legendY + 28)}`
}
</g>
</svg>`;
}

/** One stacked bar of every requirement's status, for the executive summary. */
export function statusBarSvg(report: Report): SafeHtml {
  const s = report.summary;
  const width = 600;
  const segments = statusSegments(s.statusCounts, s.requirementsTotal, 0, 0, width, 14);
  const desc = STATUS_ORDER.filter((k) => s.statusCounts[k] > 0)
    .map((k) => `${s.statusCounts[k]} ${STATUS_STYLE[k].label.toLowerCase()}`)
    .join(', ');
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="statusbar" viewBox="0 0 ${width} 14" width="100%" height="14" preserveAspectRatio="none" role="img" aria-label="${`Requirement statuses: ${desc}`}">
<title>Requirement statuses: ${desc}</title>
<rect width="${width}" height="14" fill="#eef1f4"/>
${segments}
</svg>`;
}
