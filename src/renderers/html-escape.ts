/** HTML output encoding: every string from a report goes through one of these before it is written. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes & < > " ' so the result is safe as element text and inside a quoted attribute value. */
export function escapeHtml(value: string | number): string {
  return withoutControls(String(value)).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Replaces control characters (other than tab and line breaks) with spaces, so that a report saved
 * to a file cannot carry terminal escape sequences to whoever `cat`s it.
 */
export function withoutControls(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * The URL if it may be used as a link target (http or https only, no whitespace or control
 * characters), else null: the caller then shows it as text. `javascript:`, `data:` and relative
 * URLs never become links.
 */
export function safeHref(url: string): string | null {
  if (!/^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Markup that is already safe: produced by `html` or `raw`, written out unchanged. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks a string as markup the renderer itself wrote (never report data). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Fragment = SafeHtml | string | number | boolean | null | undefined | readonly Fragment[];

function fragment(value: Fragment): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  return escapeHtml(value as string | number);
}

/**
 * Tagged template for markup that is safe by default: every interpolated value is HTML-escaped
 * unless it is SafeHtml (from another `html` template or `raw`); arrays are joined; null,
 * undefined and booleans render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: readonly Fragment[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += fragment(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}
