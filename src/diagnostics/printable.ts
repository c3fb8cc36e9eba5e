/**
 * What a terminal must not be handed raw: control characters (C0, DEL, C1), which can clear the
 * screen, set the window title or forge a new line, and the bidirectional overrides that can reorder
 * what is shown so a text disguises itself.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

/**
 * Makes text from a file safe to print on a terminal: each unprintable character becomes a visible
 * \u escape, so a key or path cannot clear the screen, set the window title, forge a new line or
 * disguise itself.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether printable() would change `text`: it holds a control or text-direction character. */
export function hasUnprintable(text: string): boolean {
  return UNPRINTABLE.test(text);
}
