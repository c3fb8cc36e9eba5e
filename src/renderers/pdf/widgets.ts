/**
 * Small pieces of the PDF report used in several chapters: outcome and status badges, tags, notes,
 * evidence in a table cell and an assessor's sign-off. Each only words what the report model says.
 */
import type { Evidence } from '../../core/assessment/assessment-types.js';
import type { Note } from '../../core/catalog/catalog-types.js';
import type { EffectiveStatus, Outcome } from '../../core/outcome/outcome-types.js';
import { safeHref } from '../html-escape.js';
import { evidenceKey, NOTE_KIND_LABEL, OUTCOME_STYLE, STATUS_STYLE, shortHash } from '../labels.js';
import { type Block, type Canvas, paragraph, pill } from './blocks.js';
import type { Run } from './text-layout.js';
import { COLOR, run, TEXT } from './theme.js';

export function outcomeBadge(c: Canvas, outcome: Outcome, size = 7): Block {
  const st = OUTCOME_STYLE[outcome];
  return pill(c, [run(`${st.glyph} ${st.label}`, { font: 'bold', size, color: st.fg })], {
    fill: st.bg,
    stroke: st.fg,
    padX: size * 0.75,
    padY: size * 0.22,
  });
}

export function statusBadge(c: Canvas, status: EffectiveStatus, size = 6.8): Block {
  const st = STATUS_STYLE[status];
  return pill(c, [run(`${st.glyph} ${st.label}`, { font: 'bold', size, color: st.fg })], {
    fill: st.bg,
    stroke: st.bar,
    padX: size * 0.7,
    padY: size * 0.22,
    radius: 3,
  });
}

/** A small capitalised label: DECIDING, TOP PRIORITY, CONTRADICTS PROFILE. */
export function tag(
  c: Canvas,
  text: string,
  fill: string = COLOR.tagFill,
  color: string = COLOR.accent,
): Block {
  return pill(c, [run(text.toUpperCase(), { font: 'bold', size: 5.6, color })], {
    fill,
    padX: 3,
    padY: 1,
    radius: 2,
  });
}

/** Catalog notes: "Note: …" or "Source defect: …", each its own paragraph. */
export function notesBlocks(c: Canvas, notes: readonly Note[], small = true): Block[] {
  const text = small ? TEXT.cell : TEXT.small;
  return notes.map((n) =>
    paragraph(c, [
      run(`${NOTE_KIND_LABEL[n.kind]}: `, {
        ...(small ? TEXT.cellBold : TEXT.smallBold),
        color: n.kind === 'defect' ? COLOR.defect : COLOR.ink,
      }),
      run(n.text, text),
    ]),
  );
}

/** Evidence numbers by evidenceKey: table cells cite "E3", the Evidence chapter lists E3 in full. */
export type EvidenceIndex = ReadonlyMap<string, number>;
export const evidenceAnchor = (n: number) => `ev-${n}`;

/** A URL as a link when it is http(s), else as plain text; either way it is shown in full. */
export function urlRun(url: string, style = TEXT.cellLink): Run {
  const href = safeHref(url);
  return href ? run(url, style, { link: href }) : run(url, TEXT.cell);
}

/**
 * One evidence item for a table cell: a file's path, title and the first 12 digits of its SHA-256
 * with its number in the Evidence chapter (where the full hash is); a link; or a note in full.
 */
export function evidenceItem(c: Canvas, e: Evidence, index: EvidenceIndex): Block {
  const kind = (k: string) => run(`${k} `, TEXT.cellMutedBold);
  const n = index.get(evidenceKey(e) ?? '');
  const ref = n ? [run(' ', TEXT.cell), run(`E${n}`, TEXT.cellLink, { goTo: evidenceAnchor(n) })] : [];
  switch (e.kind) {
    case 'file':
      return paragraph(c, [
        kind('FILE'),
        run(e.path, TEXT.mono),
        ...(e.title ? [run(` — ${e.title}`, TEXT.cell)] : []),
        run('\nSHA-256 ', TEXT.cellMuted),
        run(shortHash(e.sha256), TEXT.mono),
        ...ref,
      ]);
    case 'url':
      return paragraph(c, [
        kind('LINK'),
        ...(e.title ? [run(`${e.title} `, TEXT.cell)] : []),
        ...(e.title ? [run('\n', TEXT.cell)] : []),
        urlRun(e.url),
        ...ref,
      ]);
    case 'note':
      return paragraph(c, [kind('NOTE'), run(e.text, TEXT.cell)]);
  }
}

/** "Assessed by NAME on DATE", or nothing when the record names neither. */
export function signOff(c: Canvas, assessor: string | null, date: string | null): Block | null {
  if (!assessor && !date) return null;
  return paragraph(c, [
    run('Assessed', TEXT.cellMuted),
    ...(assessor
      ? [run(' by ', TEXT.cellMuted), run(assessor, { ...TEXT.cellMuted, color: COLOR.ink })]
      : []),
    // No-break spaces hold the date to the name, so it never wraps onto a line alone.
    ...(date ? [run(`${assessor ? '\u00a0' : ' '}on\u00a0${date}`, TEXT.cellMuted)] : []),
  ]);
}
