/**
 * The look of the PDF report: page geometry, colours and type styles. Outcome and status colours
 * come from labels.ts, the same as the HTML report's, so both documents read alike.
 */
import type { PageGeometry, TableStyle } from './flow.js';
import type { FontName } from './fonts.js';
import type { Run, TextStyle } from './text-layout.js';

/** A4 in points, with room at the top and bottom for the running header and footer. */
export const PAGE: PageGeometry = {
  width: 595.28,
  height: 841.89,
  top: 58,
  bottom: 56,
  left: 50,
  right: 50,
};

export const COLOR = {
  ink: '#1f2328',
  muted: '#57606a',
  line: '#d8dee4',
  soft: '#f6f8fa',
  accent: '#14355c',
  accentDeep: '#0d2238',
  link: '#0b5cad',
  coverText: '#dce9f7',
  coverMuted: '#a9c4e4',
  deciding: '#fffbea',
  tagFill: '#e7eefa',
  warnFill: '#fff1e5',
  warnInk: '#953800',
  defect: '#953800',
} as const;

const style = (font: FontName, size: number, color: string = COLOR.ink): TextStyle => ({ font, size, color });

export const TEXT = {
  body: style('regular', 9.5),
  bodyBold: style('bold', 9.5),
  lead: style('regular', 11),
  leadBold: style('bold', 11),
  h1: style('bold', 19, COLOR.accent),
  h2: style('bold', 13),
  h3: style('bold', 11),
  small: style('regular', 8),
  smallBold: style('bold', 8),
  smallMuted: style('regular', 8, COLOR.muted),
  smallItalic: style('italic', 8, COLOR.muted),
  cell: style('regular', 7.6),
  cellBold: style('bold', 7.6),
  cellMuted: style('regular', 7, COLOR.muted),
  cellMutedBold: style('bold', 7, COLOR.muted),
  cellItalic: style('italic', 7.6, COLOR.muted),
  cellLink: style('regular', 7.6, COLOR.link),
  mono: style('mono', 6.8),
  monoBold: style('mono', 7.2, COLOR.ink),
  monoLink: style('mono', 6.8, COLOR.link),
  eyebrow: style('bold', 7.5, COLOR.muted),
} as const;

export const TABLE: TableStyle = {
  head: style('bold', 7, '#424a53'),
  headFill: '#eef2f6',
  headRule: '#c8d1dc',
  rule: COLOR.line,
  padX: 4,
  padY: 4,
};

/** A run of text in a style, with an optional link (already checked) or in-document jump. */
export function run(text: string, s: TextStyle, extra: Pick<Run, 'link' | 'goTo'> = {}): Run {
  return { text, style: s, ...extra };
}
