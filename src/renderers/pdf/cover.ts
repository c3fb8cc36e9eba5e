/**
 * The cover of the PDF report: a dark panel with the product, the headline result and one square
 * per guideline coloured by its outcome; under it the facts of the assessment (manufacturer,
 * version, frameworks, assessment dates, assessors, generation) and the product's description.
 */

import type { Report } from '../../core/report/report-model.js';
import {
  assessmentDatesText,
  formatTimestamp,
  guidelineNumber,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  plural,
  STAKEHOLDER_LABEL,
  topPriorityText,
} from '../labels.js';
import {
  type Block,
  type Canvas,
  drawSlices,
  gap,
  paragraph,
  type Slice,
  slicesHeight,
  stack,
} from './blocks.js';
import type { PdfContext } from './context.js';
import { drawLine, layoutLines } from './text-layout.js';
import { COLOR, PAGE, run, TEXT } from './theme.js';

const WHITE = '#ffffff';

/** One square per guideline, its number in the outcome's colours, wrapping as needed. */
function scorecard(c: Canvas, report: Report): Block {
  const size = 27;
  const spacing = 6;
  return (width) => {
    const perRow = Math.max(1, Math.floor((width + spacing) / (size + spacing)));
    const rows: Slice[] = [];
    for (let i = 0; i < report.guidelines.length; i += perRow) {
      const gs = report.guidelines.slice(i, i + perRow);
      rows.push({
        height: size + spacing,
        draw: (x, y) => {
          gs.forEach((g, j) => {
            const st = OUTCOME_STYLE[g.outcome];
            const gx = x + j * (size + spacing);
            c.doc.roundedRect(gx, y, size, size, 4).fill(st.bg);
            c.doc.rect(gx, y + size - 4, size, 4).fill(st.bar);
            const n = layoutLines(
              c.measure,
              [run(guidelineNumber(g), { font: 'bold', size: 10, color: st.fg })],
              size,
              1.2,
            );
            if (n[0]) drawLine(c.doc, n[0], gx, y + (size - 4 - n[0].height) / 2, 'center', size);
          });
        },
      });
    }
    return rows;
  };
}

export function writeCover(ctx: PdfContext): void {
  const f = ctx.flow;
  const r = ctx.report;
  const p = r.product;
  const s = r.summary;
  const d = f.doc;
  f.chapter = '';
  f.newPage();

  const subtitle = [
    p.model ? `Model ${p.model}` : null,
    p.version ? `Version ${p.version}` : null,
    p.manufacturer,
  ]
    .filter((x): x is string => Boolean(x))
    .join('  ·  ');
  const legend = OUTCOME_ORDER.filter((o) => s.outcomeCounts[o] > 0).map((o) => {
    const st = OUTCOME_STYLE[o];
    return `${st.glyph} ${st.label} ${s.outcomeCounts[o]}`;
  });
  const panelBlocks: Block[] = [
    paragraph(f, [
      run(`SECURITY COMPLIANCE REPORT  ·  ${r.catalog.target.shortTitle.toUpperCase()}`, {
        font: 'bold',
        size: 7.8,
        color: '#b9d3f0',
      }),
    ]),
    gap(10),
    paragraph(f, [run(p.name, { font: 'bold', size: 27, color: WHITE })], { leading: 1.14 }),
    gap(6),
    ...(subtitle
      ? [paragraph(f, [run(subtitle, { font: 'regular', size: 11, color: COLOR.coverText })])]
      : []),
    gap(26),
    paragraph(f, [
      run(`${s.guidelinesMet}`, { font: 'bold', size: 30, color: WHITE }),
      run(` of ${s.guidelinesTotal} guidelines met`, { font: 'regular', size: 14, color: COLOR.coverText }),
    ]),
    gap(8),
    scorecard(f, r),
    gap(2),
    paragraph(f, [run(legend.join('  ·  '), { font: 'regular', size: 8, color: COLOR.coverText })]),
    gap(4),
    paragraph(f, [
      run(topPriorityText(r).replace(/^t/, 'T'), { font: 'regular', size: 8, color: COLOR.coverMuted }),
    ]),
  ];
  const insetX = f.left + 4;
  const panel = stack(panelBlocks, f.width - 8);
  const top = 70;
  const panelH = top + slicesHeight(panel) + 36;
  const grad = d.linearGradient(0, 0, PAGE.width, panelH);
  grad.stop(0, COLOR.accentDeep).stop(0.55, COLOR.accent).stop(1, '#1f5a8f');
  d.rect(0, 0, PAGE.width, panelH).fill(grad);
  drawSlices(panel, insetX, top);
  f.y = panelH + 26;

  const fact = (label: string, value: Block[]) => ({
    cells: [[paragraph(f, [run(label.toUpperCase(), TEXT.eyebrow)])], value],
  });
  const text = (value: string) => [paragraph(f, [run(value, TEXT.body)])];
  const { source: src, target: tgt, mappingSet } = r.catalog;
  const dates = assessmentDatesText(r);
  f.table(
    [
      { title: '', width: 0.27 },
      { title: '', width: 0.73 },
    ],
    [
      fact('Manufacturer', text(p.manufacturer ?? 'Not given')),
      fact('Model', text(p.model ?? 'Not given')),
      fact('Product version', text(p.version ?? 'Not given')),
      fact('Roles', text(p.roles.length ? p.roles.map((x) => STAKEHOLDER_LABEL[x]).join(', ') : 'Not given')),
      fact('Reported against', text(`${tgt.title} (${tgt.publisher}, version ${tgt.version})`)),
      fact('Assessed with', text(`${src.title} (${src.publisher}, version ${src.version})`)),
      fact('Mapping', text(mappingSet.title)),
      fact('Assessment dates', text(dates ?? 'No record is dated')),
      fact(
        r.assessors.length === 1 ? 'Assessor' : 'Assessors',
        r.assessors.length
          ? r.assessors.map((a) =>
              paragraph(f, [
                run(a.name, TEXT.body),
                run(`  ${plural(a.records, 'record')}`, TEXT.smallMuted),
              ]),
            )
          : text('No record names an assessor'),
      ),
      fact('Generated', text(`${formatTimestamp(r.generatedAt)} by ${r.tool.name} ${r.tool.version}`)),
    ],
    { headless: true },
  );
  if (p.description) {
    f.add([gap(16), paragraph(f, [run('About the product', TEXT.h3)]), gap(4)], { keepWithNext: 40 });
    f.add(paragraph(f, [run(p.description, TEXT.body)]));
  }
}
