/**
 * The executive summary of the PDF report: the headline sentence, three key figures, the guideline
 * chart and the table of guideline outcomes with their reasons.
 */
import {
  formatShare,
  guidelineNumber,
  guidelineTitle,
  OUTCOME_ORDER,
  plural,
  STATUS_ORDER,
  STATUS_STYLE,
} from '../labels.js';
import { type Block, columns, gap, indent, inline, paragraph, splitLine } from './blocks.js';
import { guidelineChart, statusBar } from './chart.js';
import { guidelineAnchor, type PdfContext, startChapter, subheading } from './context.js';
import { COLOR, run, TEXT } from './theme.js';
import { outcomeBadge, tag } from './widgets.js';

/** A line of a key-figure box: a label or badge on the left, its count on the right. */
function countLine(ctx: PdfContext, left: Block, n: number): Block {
  const f = ctx.flow;
  return splitLine(
    f,
    left,
    paragraph(f, [run(String(n), TEXT.smallBold)], { align: 'right' }),
    30,
    '#eef1f4',
  );
}

export function writeSummary(ctx: PdfContext): void {
  const f = ctx.flow;
  const r = ctx.report;
  const s = r.summary;
  const src = r.catalog.source;
  const tgt = r.catalog.target;
  startChapter(ctx, 'Executive summary', 'summary');

  f.add([
    paragraph(
      f,
      [
        run(r.product.name, TEXT.leadBold),
        run(' meets ', TEXT.lead),
        run(`${s.guidelinesMet} of the ${s.guidelinesTotal}`, TEXT.leadBold),
        run(
          ` guidelines of the ${tgt.title} (${tgt.publisher}, version ${tgt.version}), assessed through ${plural(s.requirementsTotal, 'requirement')} of the ${src.shortTitle}.`,
          TEXT.lead,
        ),
      ],
      { leading: 1.4 },
    ),
    gap(12),
  ]);

  const top = r.guidelines.filter((g) => g.topPriority);
  const topMet = top.filter((g) => g.outcome === 'met').length;
  const label = (text: string) => paragraph(f, [run(text.toUpperCase(), TEXT.eyebrow)]);
  const big = (n: string, rest: string) =>
    paragraph(
      f,
      [
        run(n, { font: 'bold', size: 24, color: COLOR.ink }),
        run(rest, { ...TEXT.h3, font: 'regular', color: COLOR.muted }),
      ],
      {
        leading: 1.15,
      },
    );
  const pad = (blocks: Block[]): Block[] => [gap(9), ...blocks.map((b) => indent(b, 9, 9)), gap(9)];
  const share =
    s.compliantShare === null
      ? [big('n/a', ''), paragraph(f, [run('No requirement is known to apply yet.', TEXT.small)])]
      : [
          big(formatShare(s.compliantShare), ''),
          paragraph(f, [
            run(
              `of applicable requirements compliant (${s.compliantRequirements} of ${s.applicableRequirements})`,
              TEXT.small,
            ),
          ]),
        ];
  f.add(
    columns(
      [
        {
          width: 1 / 3,
          blocks: pad([
            label('Guidelines met'),
            gap(3),
            big(String(s.guidelinesMet), ` of ${s.guidelinesTotal}`),
            gap(6),
            ...OUTCOME_ORDER.filter((o) => s.outcomeCounts[o] > 0).map((o) =>
              countLine(ctx, outcomeBadge(f, o, 6.4), s.outcomeCounts[o]),
            ),
          ]),
        },
        {
          width: 1 / 3,
          blocks: pad([
            label('Requirements compliant'),
            gap(3),
            ...share,
            gap(3),
            statusBar(f, r),
            gap(3),
            ...STATUS_ORDER.filter((k) => s.statusCounts[k] > 0).map((k) =>
              countLine(
                ctx,
                paragraph(f, [
                  run('■ ', { ...TEXT.small, color: STATUS_STYLE[k].bar }),
                  run(STATUS_STYLE[k].label, TEXT.small),
                ]),
                s.statusCounts[k],
              ),
            ),
          ]),
        },
        {
          width: 1 / 3,
          blocks: pad([
            label('Top-priority guidelines'),
            gap(3),
            big(String(topMet), ` of ${top.length} met`),
            gap(3),
            paragraph(f, [
              run(
                s.topPriority.allMet
                  ? 'All top-priority guidelines are met.'
                  : 'Not all top-priority guidelines are met.',
                TEXT.small,
              ),
            ]),
            gap(4),
            ...top.map((g) =>
              splitLine(
                f,
                paragraph(f, [
                  run(
                    `${guidelineNumber(g)}. ${guidelineTitle(g)}`,
                    { ...TEXT.small, color: COLOR.link },
                    { goTo: guidelineAnchor(g.id) },
                  ),
                ]),
                outcomeBadge(f, g.outcome, 6.4),
                62,
                '#eef1f4',
              ),
            ),
          ]),
        },
      ],
      10,
      (x, y, w, h) => {
        f.doc.roundedRect(x, y, w, h, 6).lineWidth(0.7).stroke(COLOR.line);
      },
    ),
    { keepTogether: true },
  );
  f.add(gap(16));
  subheading(ctx, 'Guideline outcomes at a glance', 'h3');
  f.add(guidelineChart(f, r), { keepTogether: true });
  f.add([
    gap(6),
    paragraph(f, [
      run(
        `Each tile is one guideline, coloured and labelled by its outcome; the bar along its foot shows the statuses of the requirements mapped to it.`,
        TEXT.smallMuted,
      ),
    ]),
    gap(14),
  ]);

  f.table(
    [
      { title: 'No.', width: 0.06 },
      { title: 'Guideline', width: 0.32 },
      { title: 'Outcome', width: 0.17 },
      { title: 'Reason', width: 0.45 },
    ],
    r.guidelines.map((g) => ({
      cells: [
        [paragraph(f, [run(guidelineNumber(g), TEXT.cellBold)])],
        [
          paragraph(f, [run(guidelineTitle(g), TEXT.cellLink, { goTo: guidelineAnchor(g.id) })]),
          ...(g.topPriority ? [gap(2), inline([tag(f, 'Top priority', COLOR.accent, '#ffffff')], 3)] : []),
        ],
        [outcomeBadge(f, g.outcome, 6.6)],
        [paragraph(f, [run(g.reason, TEXT.cell)])],
      ],
    })),
    { caption: [run('Guideline outcomes', TEXT.smallBold)] },
  );
}
