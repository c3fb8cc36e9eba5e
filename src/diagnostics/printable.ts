/**
 * Makes text from a file safe to print on a terminal: control characters (C0, DEL, C1) and the
 * bidirectional overrides that can reorder what is shown become visible \u escapes, so a key or path
 * cannot clear the screen, set the window title, forge a new line or disguise itself.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
