/**
 * Makes a value safe for a spreadsheet cell (CSV now, XLSX later): a cell that starts with = + - @
 * or a tab or carriage return would be read as a formula by Excel, LibreOffice and Sheets
 * (=HYPERLINK(...) exfiltration, DDE). Such a value gets a leading apostrophe, OWASP's advice, so it
 * is shown as the text it is. Control characters are removed for the same reason text reports do.
 */
import { withoutControls } from './html-escape.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  const cleaned = withoutControls(text.replace(/\r\n?/g, '\n')).replace(/^\t/, ' ');
  return FORMULA_START.test(text) ? `'${cleaned}` : cleaned;
}
