/**
 * The report for a terminal: header, one summary line, the guidelines with outcome and reason, the
 * top gaps and a count of the warnings (the CLI has printed the warnings themselves on stderr).
 * Colour (picocolors) only when asked for; lines kept to 100 columns by wrapping long values under
 * their column. Every string from the report is cleaned of control characters first, so an
 * assessment cannot move the cursor or colour the terminal.
 */
import pc from 'picocolors';
import type { ReportGap } from '../core/report/report-model.js';
import { wrapWords } from '../wrap-words.js';
import {
  type Colors,
  formatShare,
  formatTimestamp,
  guidelineNumber,
  guidelineTitle,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  STAKEHOLDER_LABEL,
  STATUS_STYLE,
  topPriorityText,
  warningsSummary,
} from './labels.js';
import type { Renderer } from './renderer.js';

export const TEXT_WIDTH = 100;
/** How many gaps the terminal report lists before "… and N more". */
export const TEXT_GAP_LIMIT = 15;

/** Control characters (C0, DEL, C1) would let report data drive the terminal; show them as spaces. */
export function cleanText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

/** Wraps words to `width`, continuation lines starting with `indent` spaces (one shared wrapper). */
export const wrap = wrapWords;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** A label column followed by a value wrapped under itself. */
function field(label: string, value: string, labelWidth: number, paint = (s: string) => s): string[] {
  const pad = ' '.repeat(labelWidth);
  return wrap(cleanText(value), TEXT_WIDTH, labelWidth).map(
    (l, i) => (i === 0 ? label.padEnd(labelWidth) : pad) + paint(l),
  );
}

function gapBlocks(gap: ReportGap, numberOf: ReadonlyMap<string, string>): string {
  if (gap.blocks.length === 0) return 'blocks none';
  const list = gap.blocks.map((id) => cleanText(numberOf.get(id) ?? id)).join(', ');
  return `blocks ${list}${gap.blocksTopPriority ? ' (top priority)' : ''}`;
}

export const renderText: Renderer = (report, options) => {
  const c: Colors = pc.createColors(options.color);
  const out: string[] = [];
  const heading = (s: string) => out.push(c.bold(s));
  const p = report.product;
  const src = report.catalog.source;
  const tgt = report.catalog.target;

  heading(`${cleanText(report.tool.name)} compliance report`);
  out.push('');
  const lw = 14;
  out.push(...field('Product', p.name, lw, c.bold));
  if (p.model) out.push(...field('Model', p.model, lw));
  if (p.version) out.push(...field('Version', p.version, lw));
  if (p.manufacturer) out.push(...field('Manufacturer', p.manufacturer, lw));
  if (p.roles.length) out.push(...field('Roles', p.roles.map((r) => STAKEHOLDER_LABEL[r]).join(', '), lw));
  out.push(...field('Assessed with', `${src.shortTitle} (version ${src.version}, ${src.publisher})`, lw));
  out.push(...field('Against', `${tgt.shortTitle} (version ${tgt.version}, ${tgt.publisher})`, lw));
  out.push(
    ...field(
      'Generated',
      `${formatTimestamp(report.generatedAt)} by ${report.tool.name} ${report.tool.version}`,
      lw,
    ),
  );
  out.push('');

  const s = report.summary;
  const share =
    s.compliantShare === null
      ? 'no requirement known to apply yet'
      : `${formatShare(s.compliantShare)} of applicable requirements compliant (${s.compliantRequirements} of ${s.applicableRequirements})`;
  const summary = `${s.guidelinesMet} of ${s.guidelinesTotal} guidelines met; ${share}; ${topPriorityText(report)}.`;
  const summaryLines = wrap(cleanText(summary), TEXT_WIDTH, 9, 9);
  out.push(
    `${c.bold('Summary:')} ${summaryLines[0]}`,
    ...summaryLines.slice(1).map((l) => `${' '.repeat(9)}${l}`),
  );
  const counts = OUTCOME_ORDER.filter((o) => s.outcomeCounts[o] > 0)
    .map((o) => OUTCOME_STYLE[o].paint(c)(`${s.outcomeCounts[o]} ${OUTCOME_STYLE[o].label.toLowerCase()}`))
    .join(', ');
  if (counts) out.push(`${' '.repeat(9)}${counts}`);
  out.push('');

  heading(`Guidelines (${report.guidelines.length})`);
  const numberOf = new Map(report.guidelines.map((g) => [g.id, guidelineNumber(g)]));
  const numWidth = Math.max(2, ...report.guidelines.map((g) => cleanText(guidelineNumber(g)).length));
  const labelWidth = Math.max(...Object.values(OUTCOME_STYLE).map((st) => st.label.length)) + 2;
  const indent = 2 + numWidth + 2 + labelWidth;
  for (const g of report.guidelines) {
    const style = OUTCOME_STYLE[g.outcome];
    const paint = style.paint(c);
    const num = cleanText(guidelineNumber(g)).padStart(numWidth);
    const title = cleanText(guidelineTitle(g)) + (g.topPriority ? ' [top priority]' : '');
    const titleLines = wrap(title, TEXT_WIDTH, indent);
    out.push(`  ${num}  ${paint(style.label.padEnd(labelWidth))}${c.bold(titleLines[0] ?? '')}`);
    for (const l of titleLines.slice(1)) out.push(`${' '.repeat(indent)}${c.bold(l)}`);
    for (const l of wrap(cleanText(g.reason), TEXT_WIDTH, indent)) out.push(`${' '.repeat(indent)}${l}`);
  }
  out.push('');

  if (report.gaps.length === 0) {
    heading('Gaps: none');
  } else {
    heading(`Gaps (${report.gaps.length}, most blocking first)`);
    const shown = report.gaps.slice(0, TEXT_GAP_LIMIT);
    const idWidth = Math.max(...shown.map((g) => cleanText(g.id).length));
    const statusWidth = Math.max(...shown.map((g) => STATUS_STYLE[g.status].label.length));
    const blocksText = shown.map((g) => gapBlocks(g, numberOf));
    const blocksWidth = Math.max(...blocksText.map((b) => b.length));
    const textStart = 2 + idWidth + 2 + statusWidth + 2 + blocksWidth + 2;
    shown.forEach((gap, i) => {
      const st = STATUS_STYLE[gap.status];
      const text = gap.text === null ? '(the source gives no text)' : cleanText(gap.text);
      const room = TEXT_WIDTH - textStart;
      const tail = room >= 12 ? `  ${c.dim(truncate(text, room))}` : '';
      out.push(
        `  ${cleanText(gap.id).padEnd(idWidth)}  ${st.paint(c)(st.label.padEnd(statusWidth))}  ${(blocksText[i] ?? '').padEnd(blocksWidth)}${tail}`,
      );
    });
    const more = report.gaps.length - shown.length;
    if (more > 0) out.push(`  … and ${more} more (all of them: --format md or --format html)`);
  }

  // The CLI prints every warning on stderr; the report only counts them, so none shows twice.
  const warnings = warningsSummary(report);
  if (warnings) {
    out.push('');
    const lines = wrap(cleanText(warnings), TEXT_WIDTH, 2, 2);
    out.push(...lines.map((l) => c.yellow(`  ${l}`)));
  }
  out.push('');
  out.push(
    c.dim('Every requirement, its evidence and the known source defects: --format html or --format md.'),
  );
  return `${out.join('\n')}\n`;
};
