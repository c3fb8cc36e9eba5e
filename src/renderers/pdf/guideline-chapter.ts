/**
 * The guidelines chapter of the PDF report: each guideline on its own page with its outcome, the
 * reason, the deciding requirements, its statement and notes, and the table of every requirement
 * mapped to it (text, status, applicability, justification, evidence, assessor).
 */
import type { RequirementRecord } from '../../core/assessment/assessment-types.js';
import type { ReportGuideline, ReportRequirement } from '../../core/report/report-model.js';
import {
  APPLICABILITY_LABEL,
  applicableCount,
  guidelineNumber,
  guidelineTitle,
  OUTCOME_STYLE,
  plural,
  provenanceText,
  STAKEHOLDER_LABEL,
  STATUS_ORDER,
  STATUS_STYLE,
} from '../labels.js';
import { type Block, box, gap, inline, paragraph, type Slice, slicesHeight, stack } from './blocks.js';
import { guidelineAnchor, markSubsection, type PdfContext, rowAnchor, startChapter } from './context.js';
import type { TableRow } from './flow.js';
import { drawLine, layoutLines } from './text-layout.js';
import { COLOR, run, TEXT } from './theme.js';
import { evidenceItem, notesBlocks, outcomeBadge, signOff, statusBadge, tag } from './widgets.js';

/** The guideline's header: its number in the outcome's colours, title, roles and the outcome badge. */
function guidelineHeader(ctx: PdfContext, g: ReportGuideline): Block {
  const f = ctx.flow;
  const st = OUTCOME_STYLE[g.outcome];
  return (width) => {
    const numW = 40;
    const badge = outcomeBadge(f, g.outcome, 8.5)(120);
    const badgeW = badge[0]?.width ?? 80;
    const textW = width - numW - badgeW - 40;
    const title = stack(
      [paragraph(f, [run(guidelineTitle(g), { ...TEXT.h2, size: 14 })], { leading: 1.2 })],
      textW,
    );
    const meta: Block[] = [
      ...(g.topPriority ? [inline([tag(f, 'Top priority', COLOR.accent, '#ffffff')], 3)] : []),
      ...(g.stakeholders.length
        ? [
            paragraph(f, [
              run(
                `Primarily applies to ${g.stakeholders.map((s) => STAKEHOLDER_LABEL[s]).join(', ')}`,
                TEXT.smallMuted,
              ),
            ]),
          ]
        : []),
    ];
    const metaSlices = stack(
      meta.flatMap((b, i) => (i ? [gap(3), b] : [b])),
      textW,
    );
    const body = slicesHeight(title) + (metaSlices.length ? 4 + slicesHeight(metaSlices) : 0);
    const h = Math.max(body, 36) + 20;
    const slice: Slice = {
      height: h,
      draw: (x, y) => {
        const d = f.doc;
        d.roundedRect(x, y, width, h, 6).fill(COLOR.soft);
        d.save();
        d.roundedRect(x, y, width, h, 6).clip();
        d.rect(x, y, 5, h).fill(st.bar);
        d.restore();
        d.roundedRect(x + 14, y + (h - 36) / 2, 36, 36, 6).fill(st.bg);
        const n = layoutLines(
          f.measure,
          [run(guidelineNumber(g), { font: 'bold', size: 17, color: st.fg })],
          36,
        );
        if (n[0]) drawLine(d, n[0], x + 14, y + (h - n[0].height) / 2, 'center', 36);
        let at = y + (h - body) / 2;
        for (const s of title) {
          s.draw(x + 14 + numW + 6, at);
          at += s.height;
        }
        at += 4;
        for (const s of metaSlices) {
          s.draw(x + 14 + numW + 6, at);
          at += s.height;
        }
        badge[0]?.draw(x + width - 12 - badgeW, y + (h - (badge[0]?.height ?? 0)) / 2);
      },
    };
    return [slice];
  };
}

function attestationBlock(ctx: PdfContext, a: RequirementRecord): Block {
  const f = ctx.flow;
  const sign = signOff(f, a.assessor, a.date);
  return box(
    f,
    [
      paragraph(f, [run('Guideline-level attestation', TEXT.smallBold)]),
      gap(3),
      inline([statusBadge(f, a.status)], 3),
      ...(a.justification ? [gap(3), paragraph(f, [run(a.justification, TEXT.small)])] : []),
      ...a.evidence.flatMap((e) => [gap(3), evidenceItem(f, e, ctx.evidenceIndex)]),
      ...(sign ? [gap(3), sign] : []),
    ],
    { border: '#9aa5b1', padding: 7 },
  );
}

function requirementRow(
  ctx: PdfContext,
  g: ReportGuideline,
  r: ReportRequirement,
  deciding: boolean,
): TableRow {
  const f = ctx.flow;
  const a = r.applicability;
  const sign = signOff(f, r.assessor, r.date);
  const assessment: Block[] = [
    ...(r.justification ? [paragraph(f, [run(r.justification, TEXT.cell)])] : []),
    ...r.evidence.map((e) => evidenceItem(f, e, ctx.evidenceIndex)),
    ...(sign ? [sign] : []),
  ];
  const spaced = (blocks: Block[]) => blocks.flatMap((b, i) => (i ? [gap(3.5), b] : [b]));
  return {
    anchor: rowAnchor(g.id, r.id),
    fill: deciding ? COLOR.deciding : null,
    cells: [
      [
        paragraph(f, [run(r.number ?? 'No number', TEXT.monoBold)]),
        ...(r.number !== r.id ? [paragraph(f, [run(`id ${r.id}`, TEXT.cellMuted)])] : []),
        ...(deciding ? [gap(3), inline([tag(f, 'Deciding')], 2)] : []),
      ],
      [
        paragraph(f, [
          run(r.section ? `${r.section.id} ${r.section.title}` : 'Section unknown', TEXT.cellMutedBold),
        ]),
        gap(1.5),
        r.text
          ? paragraph(f, [run(r.text, TEXT.cell)])
          : paragraph(f, [run('The source gives no text for this requirement.', TEXT.cellItalic)]),
        ...r.variants.flatMap((v) => [
          gap(3),
          paragraph(f, [
            run('Also printed as: ', TEXT.cellMutedBold),
            run(v.text, TEXT.cell),
            run(` — ${provenanceText(v.source)}`, TEXT.cellMuted),
          ]),
        ]),
        ...notesBlocks(f, r.notes).flatMap((b) => [gap(3), b]),
      ],
      [
        inline([statusBadge(f, r.status)], 2),
        ...(r.notApplicableBy === 'assessor' ? [paragraph(f, [run('by the assessor', TEXT.cellMuted)])] : []),
        ...(r.notApplicableBy === 'profile' ? [paragraph(f, [run('from the profile', TEXT.cellMuted)])] : []),
        ...(r.contradictsProfile
          ? [gap(3), inline([tag(f, 'Contradicts profile', COLOR.warnFill, COLOR.warnInk)], 2)]
          : []),
      ],
      [
        paragraph(f, [
          run(APPLICABILITY_LABEL[a.kind], TEXT.cellBold),
          ...(a.reason ? [run(`\n${a.reason}`, TEXT.cell)] : []),
          ...(a.quote ? [run(`\nCondition: “${a.quote}”`, TEXT.cellMuted)] : []),
        ]),
      ],
      assessment.length ? spaced(assessment) : [paragraph(f, [run('—', TEXT.cellMuted)])],
    ],
  };
}

function writeGuideline(ctx: PdfContext, g: ReportGuideline): void {
  const f = ctx.flow;
  const num = guidelineNumber(g);
  const title = guidelineTitle(g);
  f.ensure(150); // the header and the start of the guideline, so the bookmark lands on their page
  markSubsection(ctx, `${num}. ${title}`, guidelineAnchor(g.id));
  f.add([guidelineHeader(ctx, g), gap(10)], { keepWithNext: 80 });

  const blocks: Block[] = [];
  if (g.statement) {
    blocks.push(
      box(
        f,
        [
          paragraph(f, [run(g.statement, { ...TEXT.body, font: 'italic', color: '#394452' })], {
            leading: 1.4,
          }),
        ],
        {
          fill: '#fafbfc',
          rule: { color: '#c8d1dc', width: 2.5 },
          padding: 7,
          padX: 10,
        },
      ),
      gap(8),
    );
  }
  const altTitles = g.altTitles.filter((t) => t.title !== g.title);
  for (const t of altTitles) {
    blocks.push(
      paragraph(f, [run(`Also titled “${t.title}” — ${provenanceText(t.source)}.`, TEXT.smallMuted)]),
      gap(6),
    );
  }
  blocks.push(
    paragraph(
      f,
      [run(`Why ${OUTCOME_STYLE[g.outcome].label.toLowerCase()}: `, TEXT.bodyBold), run(g.reason, TEXT.body)],
      { leading: 1.4 },
    ),
    gap(6),
  );
  if (g.deciding.length && g.requirements.length) {
    blocks.push(
      paragraph(f, [
        run('Deciding requirements: ', TEXT.smallBold),
        ...g.deciding.flatMap((id, i) => {
          const r = ctx.byReq.get(id);
          const label = r?.number && r.number !== id ? `${r.number} (${id})` : (r?.number ?? id);
          return [
            ...(i ? [run(', ', TEXT.small)] : []),
            run(label, { ...TEXT.small, color: COLOR.link }, r ? { goTo: rowAnchor(g.id, id) } : {}),
          ];
        }),
      ]),
      gap(6),
    );
  }
  if (g.requirements.length) {
    const counts = STATUS_ORDER.filter((k) => g.counts[k] > 0);
    blocks.push(
      paragraph(f, [
        run(
          `${plural(g.requirements.length, 'mapped requirement')}, ${applicableCount(g)} applicable: `,
          TEXT.small,
        ),
        ...counts.flatMap((k, i) => [
          run(`${i ? '   ' : ''}■ `, { ...TEXT.small, color: STATUS_STYLE[k].bar }),
          run(`${g.counts[k]} ${STATUS_STYLE[k].label.toLowerCase()}`, TEXT.smallBold),
        ]),
      ]),
      gap(8),
    );
  }
  if (g.unmappedNote) {
    blocks.push(
      box(
        f,
        [
          paragraph(f, [
            run('No requirement is mapped to this guideline. ', TEXT.smallBold),
            run(`The mapping source says: “${g.unmappedNote}”`, TEXT.small),
          ]),
        ],
        { fill: COLOR.soft, padding: 7 },
      ),
      gap(8),
    );
  }
  if (g.attestation) blocks.push(attestationBlock(ctx, g.attestation), gap(8));
  for (const n of notesBlocks(f, g.notes, false)) blocks.push(n, gap(4));
  f.add(blocks);

  const deciding = new Set(g.deciding);
  const rows = g.requirements.flatMap((id) => {
    const r = ctx.byReq.get(id);
    return r ? [requirementRow(ctx, g, r, deciding.has(id))] : [];
  });
  if (rows.length) {
    f.add(gap(6));
    f.table(
      [
        { title: 'No.', width: 0.1 },
        { title: 'Requirement', width: 0.33 },
        { title: 'Status', width: 0.145 },
        { title: 'Applicability', width: 0.155 },
        { title: 'Assessment', width: 0.27 },
      ],
      rows,
      { caption: [run(`Requirements mapped to guideline ${num}`, TEXT.smallBold)] },
    );
  }
}

export function writeGuidelines(ctx: PdfContext): void {
  const f = ctx.flow;
  startChapter(ctx, 'Guidelines', 'guidelines');
  f.add([
    paragraph(
      f,
      [
        run(
          'Each guideline with its outcome, the reason, the requirements that decide it and every requirement mapped to it. Rows marked “Deciding” (shaded) are the requirements that decide the guideline’s outcome; E-numbers refer to the Evidence chapter, where each file’s full SHA-256 is listed.',
          TEXT.body,
        ),
      ],
      { leading: 1.4 },
    ),
    gap(14),
  ]);
  ctx.report.guidelines.forEach((g, i) => {
    if (i > 0) f.newPage();
    writeGuideline(ctx, g);
  });
}
