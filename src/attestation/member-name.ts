/**
 * The one rule for names of bundle members, used by the writer (so it never makes a bundle the
 * verifier refuses), the verifier (before it reads a byte of a member) and the extractor (before
 * it creates a file). A name is a relative POSIX path that cannot leave the folder it is
 * extracted into on any common system, and that prints as itself on a terminal.
 */
import { EVIDENCE_FOLDER, LIMITS } from './bundle-format.js';

// What printable() would escape: control characters and the bidirectional overrides that can
// make a name look like another one.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Why `name` is not a safe member name, or null when it is. */
export function memberNameProblem(name: string): string | null {
  if (name === '') return 'the name is empty';
  if (name.includes('\u0000')) return 'the name contains a NUL character';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'the name starts with a drive letter';
  if (UNPRINTABLE.test(name)) return 'the name contains a control or text-direction character';
  if (Buffer.byteLength(name) > LIMITS.nameBytes) return `the name is longer than ${LIMITS.nameBytes} bytes`;
  for (const segment of name.split('/')) {
    if (segment === '') return 'the name has an empty folder name (a leading, trailing or double /)';
    if (segment === '..') return 'the name contains a ".." folder, which would escape the bundle';
    if (segment === '.') return 'the name contains a "." folder';
    if (Buffer.byteLength(segment) > LIMITS.segmentBytes)
      return `a folder or file name in it is longer than ${LIMITS.segmentBytes} bytes`;
  }
  return null;
}

/**
 * Names that are the same file on a case-insensitive or normalising file system (macOS, Windows)
 * fold to the same key: a bundle with both could extract one over the other.
 */
export function foldedName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The member name of an evidence file, from its path relative to the assessment's folder. */
export function evidenceMemberName(relativePath: string): string {
  return `${EVIDENCE_FOLDER}/${relativePath}`;
}
