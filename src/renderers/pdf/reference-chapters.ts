/**
 * The reference chapters of the PDF report, after the guidelines: every requirement by CF section,
 * the gap list, the product profile, the evidence register with full SHA-256 hashes, the sources
 * and their known defects, and the warnings found while reading the assessment.
 */
import type { ReportFramework } from '../../core/report/report-model.js';
import {
  APPLICABILITY_LABEL,
  citedEvidence,
  ORIGIN_LABEL,
  plural,
  profileAnswerText,
  sectionHeading,
  sourceDefects,
} from '../labels.js';
import { type Block, box, gap, inline, paragraph } from './blocks.js';
import { guidelineAnchor, type PdfContext, rowAnchor, startChapter, subheading } from './context.js';
import type { Run } from './text-layout.js';
import { run, TEXT } from './theme.js';
import { evidenceAnchor, notesBlocks, statusBadge, tag, urlRun } from './widgets.js';

const text = (ctx: PdfContext, value: string, style = TEXT.cell): Block =>
  paragraph(ctx.flow, [run(value, style)]);

/** Guideline numbers, each a link to its guideline. */
function guidelineLinks(ctx: PdfContext, ids: readonly string[]): Run[] {
  return ids.flatMap((id, i) => [
    ...(i ? [run(', ', TEXT.cell)] : []),
    run(ctx.byGuideline.get(id)?.number ?? id, TEXT.cellLink, { goTo: guidelineAnchor(id) }),
  ]);
}

/** A requirement number linking to its full row under its first guideline. */
function requirementLink(ctx: PdfContext, id: string, label: string): Run {
  const first = ctx.byReq.get(id)?.guidelines[0];
  return first
    ? run(label, { ...TEXT.monoBold, color: '#0b5cad' }, { goTo: rowAnchor(first, id) })
    : run(label, TEXT.monoBold);
}

export function writeSections(ctx: PdfContext): void {
  const f = ctx.flow;
  const r = ctx.report;
  startChapter(ctx, 'Requirements by CF section', 'sections');
  f.add([
    text(
      ctx,
      `Every requirement once, in the order of the ${r.catalog.source.shortTitle}, with the guidelines it maps to and its status. A requirement’s number links to its full entry — justification, evidence, assessor — under its first guideline.`,
      TEXT.body,
    ),
    gap(12),
  ]);
  r.sections.forEach((sec, i) => {
    const rows = sec.requirements.flatMap((id) => {
      const q = ctx.byReq.get(id);
      if (!q) return [];
      const a = q.applicability;
      return [
        {
          cells: [
            [
              paragraph(f, [requirementLink(ctx, q.id, q.number ?? 'No number')]),
              ...(q.number !== q.id ? [text(ctx, `id ${q.id}`, TEXT.cellMuted)] : []),
            ],
            [
              q.text
                ? text(ctx, q.text)
                : text(ctx, 'The source gives no text for this requirement.', TEXT.cellItalic),
            ],
            [paragraph(f, guidelineLinks(ctx, q.guidelines))],
            [
              paragraph(f, [
                run(APPLICABILITY_LABEL[a.kind], TEXT.cellBold),
                ...(a.reason ? [run(`\n${a.reason}`, TEXT.cell)] : []),
              ]),
            ],
            [inline([statusBadge(f, q.status)], 2)],
          ],
        },
      ];
    });
    if (i > 0) f.add(gap(14));
    f.table(
      [
        { title: 'No.', width: 0.11 },
        { title: 'Requirement', width: 0.46 },
        { title: 'Guidelines', width: 0.1 },
        { title: 'Applicability', width: 0.17 },
        { title: 'Status', width: 0.16 },
      ],
      rows,
      {
        caption: [
          run(sectionHeading(sec.section), { ...TEXT.h3, size: 10.5 }),
          run(`  ${plural(rows.length, 'requirement')}`, TEXT.smallMuted),
        ],
      },
    );
  });
}

export function writeGaps(ctx: PdfContext): void {
  const f = ctx.flow;
  const gaps = ctx.report.gaps;
  startChapter(ctx, 'Gaps', 'gaps');
  if (gaps.length === 0) {
    f.add(text(ctx, 'No gaps: every applicable requirement is compliant.', TEXT.body));
    return;
  }
  f.add([
    text(
      ctx,
      `${plural(gaps.length, 'item')} keep guidelines from being met, the most blocking first. Resolving an item moves every guideline it blocks closer to met.`,
      TEXT.body,
    ),
    gap(12),
  ]);
  f.table(
    [
      { title: 'Rank', width: 0.07 },
      { title: 'Requirement', width: 0.14 },
      { title: 'Status', width: 0.17 },
      { title: 'Blocks guidelines', width: 0.15 },
      { title: 'Requirement text', width: 0.47 },
    ],
    gaps.map((gap_, i) => ({
      cells: [
        [text(ctx, String(i + 1), TEXT.cellBold)],
        [
          paragraph(f, [
            gap_.kind === 'requirement'
              ? requirementLink(ctx, gap_.id, gap_.number ?? gap_.id)
              : run(`Guideline ${gap_.number ?? gap_.id}`, TEXT.cellLink, { goTo: guidelineAnchor(gap_.id) }),
          ]),
        ],
        [inline([statusBadge(f, gap_.status)], 2)],
        [
          paragraph(f, guidelineLinks(ctx, gap_.blocks)),
          ...(gap_.blocksTopPriority
            ? [gap(2), inline([tag(f, 'Top priority', '#14355c', '#ffffff')], 2)]
            : []),
        ],
        [gap_.text ? text(ctx, gap_.text) : text(ctx, 'The source gives no text.', TEXT.cellItalic)],
      ],
    })),
    { caption: [run('Items to resolve', TEXT.smallBold)] },
  );
}

export function writeProfile(ctx: PdfContext): void {
  const f = ctx.flow;
  startChapter(ctx, 'Product profile', 'profile');
  f.add([
    text(
      ctx,
      'What the assessment says about the product. Whether a conditional requirement applies is derived from these answers; an unanswered question leaves its requirements of unknown applicability.',
      TEXT.body,
    ),
    gap(12),
  ]);
  f.table(
    [
      { title: 'Question', width: 0.5 },
      { title: 'Answer', width: 0.2 },
      { title: 'Origin', width: 0.14 },
      { title: 'Fact', width: 0.16 },
    ],
    ctx.report.profile.map((p) => ({
      cells: [
        [text(ctx, p.question)],
        [text(ctx, profileAnswerText(p), TEXT.cellBold)],
        [text(ctx, ORIGIN_LABEL[p.origin], TEXT.cellMuted)],
        [text(ctx, p.id, TEXT.mono)],
      ],
    })),
    { caption: [run('Profile answers', TEXT.smallBold)] },
  );
}

export function writeEvidence(ctx: PdfContext): boolean {
  const f = ctx.flow;
  const cited = citedEvidence(ctx.report);
  if (cited.length === 0) return false;
  startChapter(ctx, 'Evidence', 'evidence');
  f.add([
    text(
      ctx,
      'Every file and link cited as evidence, each listed once. The requirement tables show the first 12 digits of a file’s SHA-256; the full value is here, so that a recipient can check that the copy of the file they hold is the one that was assessed (for example with sha256sum).',
      TEXT.body,
    ),
    gap(12),
  ]);
  f.table(
    [
      { title: 'No.', width: 0.07 },
      { title: 'File or link', width: 0.69 },
      { title: 'Cited by', width: 0.24 },
    ],
    cited.map((c) => {
      const e = c.evidence;
      const item: Block[] =
        e.kind === 'file'
          ? [
              paragraph(f, [
                run('FILE ', TEXT.cellMutedBold),
                run(e.path, { ...TEXT.mono, size: 7.2 }),
                ...(e.title ? [run(` — ${e.title}`, TEXT.cell)] : []),
              ]),
              gap(2),
              paragraph(f, [run('SHA-256 ', TEXT.cellMuted), run(e.sha256, { ...TEXT.mono, size: 7.2 })]),
            ]
          : [
              paragraph(f, [
                run('LINK ', TEXT.cellMutedBold),
                ...(e.title ? [run(e.title, TEXT.cell), run('\n', TEXT.cell)] : []),
                urlRun(e.url),
              ]),
            ];
      const citedBy = c.citedBy.flatMap((at, i) => {
        const sep = i ? [run(', ', TEXT.cell)] : [];
        if (at.requirement === null) {
          return at.guideline
            ? [
                ...sep,
                run(
                  `Guideline ${ctx.byGuideline.get(at.guideline)?.number ?? at.guideline} attestation`,
                  TEXT.cellLink,
                  { goTo: guidelineAnchor(at.guideline) },
                ),
              ]
            : [];
        }
        const label = ctx.byReq.get(at.requirement)?.number ?? at.requirement;
        return [
          ...sep,
          at.guideline
            ? run(
                label,
                { ...TEXT.mono, color: '#0b5cad' },
                { goTo: rowAnchor(at.guideline, at.requirement) },
              )
            : run(label, TEXT.mono),
        ];
      });
      return {
        anchor: evidenceAnchor(c.index),
        cells: [[text(ctx, `E${c.index}`, TEXT.cellBold)], item, [paragraph(f, citedBy)]],
      };
    }),
    { caption: [run('Files and links cited as evidence', TEXT.smallBold)] },
  );
  return true;
}

function frameworkBox(ctx: PdfContext, fw: ReportFramework, role: string): Block {
  const f = ctx.flow;
  const line = (label: string, value: Run[]) => paragraph(f, [run(`${label}: `, TEXT.smallBold), ...value]);
  return box(
    f,
    [
      paragraph(f, [run(role.toUpperCase(), TEXT.eyebrow)]),
      gap(3),
      paragraph(f, [run(fw.title, TEXT.h3)]),
      gap(5),
      line('Version', [run(fw.version, TEXT.small)]),
      line('Publisher', [run(fw.publisher, TEXT.small)]),
      line('Published', [run(fw.publicationDate, TEXT.small)]),
      line('Source', [
        run(fw.source.title, TEXT.small),
        ...(fw.source.url
          ? [run(' ', TEXT.small), urlRun(fw.source.url, { ...TEXT.small, color: '#0b5cad' })]
          : []),
      ]),
      line('Licence and attribution', [run(fw.licence, TEXT.small)]),
      ...fw.notes.flatMap((n) => [gap(4), ...notesBlocks(f, [n], false)]),
    ],
    { border: '#d8dee4', padding: 10 },
  );
}

export function writeSources(ctx: PdfContext): void {
  const f = ctx.flow;
  const r = ctx.report;
  const defects = sourceDefects(r);
  startChapter(ctx, 'Sources and known source defects', 'sources');
  f.add([
    text(
      ctx,
      'The catalog reproduces its source documents faithfully, including their faults; they are listed here so that nobody mistakes a defect of the source for a finding about the product.',
      TEXT.body,
    ),
    gap(12),
  ]);
  subheading(ctx, `Known source defects (${defects.length})`, 'h3');
  if (defects.length) {
    f.table(
      [
        { title: 'Where', width: 0.22 },
        { title: 'Defect', width: 0.78 },
      ],
      defects.map((d) => {
        const goTo =
          d.ref?.type === 'guideline'
            ? guidelineAnchor(d.ref.id)
            : d.ref?.type === 'requirement'
              ? (() => {
                  const first = ctx.byReq.get(d.ref.id)?.guidelines[0];
                  return first ? rowAnchor(first, d.ref.id) : null;
                })()
              : null;
        return {
          cells: [
            [paragraph(f, [run(d.where, goTo ? TEXT.cellLink : TEXT.cellBold, goTo ? { goTo } : {})])],
            [text(ctx, d.text)],
          ],
        };
      }),
      { caption: [run('Defects kept visible from the source documents', TEXT.smallBold)] },
    );
  } else {
    f.add(text(ctx, 'None recorded.', TEXT.body));
  }
  f.add(gap(16));
  subheading(ctx, 'The catalog', 'h3');
  f.add([frameworkBox(ctx, r.catalog.source, 'Requirements assessed'), gap(10)]);
  f.add([frameworkBox(ctx, r.catalog.target, 'Guidelines reported'), gap(10)]);
  f.add(
    box(
      f,
      [
        paragraph(f, [run('MAPPING', TEXT.eyebrow)]),
        gap(3),
        paragraph(f, [run(r.catalog.mappingSet.title, TEXT.h3)]),
        ...r.catalog.mappingSet.notes.flatMap((n) => [gap(4), ...notesBlocks(f, [n], false)]),
      ],
      { border: '#d8dee4', padding: 10 },
    ),
  );
}

export function writeWarnings(ctx: PdfContext): boolean {
  const f = ctx.flow;
  const warnings = ctx.report.warnings;
  if (warnings.length === 0) return false;
  startChapter(ctx, 'Warnings', 'warnings');
  f.add([text(ctx, 'Found while reading the assessment.', TEXT.body), gap(10)]);
  for (const w of warnings) {
    const [first = '', ...rest] = w
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    f.add([
      paragraph(f, [
        run('•  ', TEXT.small),
        run(first, TEXT.small),
        ...rest.map((l) => run(`\n${l}`, TEXT.smallMuted)),
      ]),
      gap(5),
    ]);
  }
  return true;
}
