/**
 * Text for OSCAL fields. OSCAL's JSON format has two kinds of text, and a value must fit its kind:
 *
 * - markup (titles, descriptions, prose, remarks) is Markdown, which OSCAL tools render. Every
 *   string from a catalog or an assessment is escaped so that it renders as exactly the same text:
 *   no raw HTML (a product named `<script>…` stays text), no emphasis, links, headings or lists, and
 *   no OSCAL parameter insertion (`{{ insert: … }}`).
 * - string values (props, names) are plain: one line with no leading or trailing white space
 *   (OSCAL's pattern `^\S(.*\S)?$`). They are not markup, so they are not escaped.
 */
import { withoutControls } from '../../renderers/html-escape.js';
import { escapeLineStart, escapeMarkdown } from '../../renderers/markdown-escape.js';
import type { MarkupLine, MarkupMultiline } from './oscal-types.js';

/**
 * One line of plain text: control characters and every run of white space (line breaks, U+2028,
 * no-break spaces) become one space, ends trimmed. Null when nothing is left, so the field is left out.
 */
export function plainString(text: string): string | null {
  if (text !== '' && !NEEDS_NORMALISING.test(text)) return text;
  const line = withoutControls(text).replace(/\s+/gu, ' ').trim();
  return line === '' ? null : line;
}

/**
 * Text that the functions below would change: control characters, white space other than single
 * inner spaces, Markdown and OSCAL punctuation, a line-start marker. Most catalog and assessment text
 * has none, and skipping the escaping passes for it keeps a report export fast (bench/oscal-render.mjs).
 */
const NEEDS_NORMALISING = /[\u0000-\u001f\u007f-\u009f]|[^\S ]| {2}|^ | $/;
const NEEDS_ESCAPING = /[\u0000-\u001f\u007f-\u009f\\`*_[\]|~$#&<>{}]|[^\S ]| {2}|^ | $|^[-+=]|^\d{1,9}[.)]/;

/** Escapes one line: Markdown (markdown-escape.ts) plus the braces of OSCAL's `{{ insert: … }}`. */
function escapeLine(line: string): string {
  if (!NEEDS_ESCAPING.test(line)) return line;
  return escapeLineStart(escapeMarkdown(line).replace(/[{}]/g, (ch) => `\\${ch}`));
}

/** A markup-line: the text on one line (as plainString), escaped. Empty text gives an empty string. */
export function markupLine(text: string): MarkupLine {
  return escapeLine(plainString(text) ?? '') as MarkupLine;
}

/**
 * A markup-multiline: paragraphs (separated by blank lines) kept, lines inside a paragraph kept as
 * soft line breaks, each line escaped and its indentation dropped (four spaces would make a code block).
 */
export function markupMultiline(...paragraphs: readonly string[]): MarkupMultiline {
  if (paragraphs.length === 1 && paragraphs[0] !== '' && !NEEDS_ESCAPING.test(paragraphs[0] ?? ''))
    return paragraphs[0] as MarkupMultiline;
  return paragraphs
    .flatMap((p) =>
      withoutControls(p)
        .replace(/\r\n?/g, '\n')
        .split(/\n[ \t]*\n/),
    )
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map(escapeLine)
        .join('\n'),
    )
    .filter((p) => p !== '')
    .join('\n\n') as MarkupMultiline;
}

/**
 * A relative file path as a URI reference (RFC 3986): each segment percent-encoded, so spaces, `#`,
 * `%` or `?` in a file name cannot change what the reference points to. Windows separators count as `/`.
 */
export function pathReference(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** An http(s) URL in the normalised form OSCAL's uri-reference accepts (IDN host, encoded path). */
export function urlReference(url: string): string {
  return new URL(url).href;
}
