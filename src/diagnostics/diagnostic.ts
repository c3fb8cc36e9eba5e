/**
 * A problem found in a user's or a data file, located precisely enough to jump to it in an editor.
 * Every diagnostic carries a stable code from the catalogue in error-codes.ts.
 */
import type { DiagnosticCode } from './error-codes.js';
import { printable } from './printable.js';

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: DiagnosticCode;
  readonly file: string;
  /** 1-based; null when the problem is with the file as a whole. */
  readonly line: number | null;
  readonly column: number | null;
  /** Where in the document, as a dotted path (e.g. requirements.2.4.7.13.status). */
  readonly path: string;
  readonly message: string;
  /** How to fix it, when there is something useful to say. */
  readonly hint: string | null;
}

/** A problem with a file (or folder) as a whole, with no position inside it. */
export function fileDiagnostic(
  file: string,
  code: DiagnosticCode,
  message: string,
  hint: string | null,
): Diagnostic {
  return { severity: 'error', code, file, line: null, column: null, path: '', message, hint };
}

/** One diagnostic as terminal-safe text: everything taken from the file is made printable. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === null ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const at = d.path ? ` (at ${d.path})` : '';
  const hint = d.hint ? `\n    hint: ${printable(d.hint)}` : '';
  return `${printable(where)}: ${d.severity} ${d.code}: ${printable(d.message)}${printable(at)}${hint}`;
}

/** At most this many problems are listed for one file; locating each one is linear in its size. */
export const MAX_DIAGNOSTICS = 200;

/** True when the file itself could not be used (missing, unreadable, too large): exit code 3. */
export function isUnusable(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.code === 'file-unreadable' || d.code === 'file-too-large');
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown when a file cannot be used at all; carries every diagnostic found, not just the first. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticError';
  }
}
