/**
 * Markdown output encoding for strings from a report: after escaping, a value renders as the same
 * literal text in CommonMark and GitHub Flavored Markdown, cannot open emphasis, code, links, math
 * or raw HTML, and cannot end a table cell.
 */

import { withoutControls } from './html-escape.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes a string for inline use (a paragraph, list item, heading or table cell). `&`, `<` and `>`
 * become entities, so no raw HTML, entity or autolink can form; `|` and the punctuation Markdown
 * gives meaning to inline are backslash-escaped; line breaks become `<br>` so a multi-line value
 * stays in its cell. Values are always placed after other text, never at the start of a line.
 */
export function escapeMarkdown(value: string | number): string {
  return withoutControls(String(value))
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_[\]|~$#]/g, (ch) => `\\${ch}`)
    .replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch)
    .replace(/\n/g, '<br>');
}

/**
 * For an escaped value placed at the start of a line or list item, where a leading `-`, `+`, `=`
 * or `1.` would open a list, draw a rule or make a heading: backslash-escapes that marker.
 */
export function escapeLineStart(escaped: string): string {
  // Any leading - + = (list item, thematic break "---", setext underline "===") and "1." or "1)".
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
