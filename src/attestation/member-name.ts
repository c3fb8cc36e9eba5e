/**
 * The one rule for names of bundle members, used by the writer (so it never makes a bundle the
 * verifier refuses), the verifier (before it reads a byte of a member) and the extractor (before
 * it creates a file). A name is a relative POSIX path that cannot leave the folder it is
 * extracted into on any common system, and that prints as itself on a terminal.
 */
import { hasUnprintable } from '../diagnostics/printable.js';
import { ASSESSMENT_FILE_NAMES, ASSESSMENT_FOLDER, type AssessmentSyntax, LIMITS } from './bundle-format.js';

/** Why `name` is not a safe member name, or null when it is. */
export function memberNameProblem(name: string): string | null {
  if (name === '') return 'the name is empty';
  if (name.includes('\u0000')) return 'the name contains a NUL character';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'the name starts with a drive letter';
  // What printable() would escape, which includes the text-direction overrides that can make a
  // name look like another one.
  if (hasUnprintable(name)) return 'the name contains a control or text-direction character';
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

/** The member name of the assessment: assessment/assessment.yaml or assessment/assessment.json. */
export function assessmentMemberName(syntax: AssessmentSyntax): string {
  return `${ASSESSMENT_FOLDER}/${ASSESSMENT_FILE_NAMES[syntax]}`;
}

/** Both names the assessment can have; no evidence file may take either. */
export const ASSESSMENT_MEMBER_NAMES: readonly string[] = Object.keys(ASSESSMENT_FILE_NAMES).map((syntax) =>
  assessmentMemberName(syntax as AssessmentSyntax),
);

/**
 * The member name of an evidence file, from its path relative to the assessment's folder (with /
 * separators): beside the assessment, as it was beside the original, so the extracted assessment
 * finds it at the path it recorded.
 */
export function evidenceMemberName(relativePath: string): string {
  return `${ASSESSMENT_FOLDER}/${relativePath}`;
}

/**
 * Why `member` cannot be an evidence file because the assessment's names are taken by the
 * assessment, or null. Both names are kept for it (an evidence file called assessment.yaml beside
 * an assessment.json would be mistaken for the assessment), compared folded: on a file system that
 * ignores case, Assessment.YAML would be extracted over the assessment, and a folder of that name
 * could not exist beside it.
 */
export function assessmentNameClash(member: string): string | null {
  const folded = foldedName(member);
  for (const name of ASSESSMENT_MEMBER_NAMES) {
    if (folded === name) return `the name ${member} is kept for the assessment, whatever its case`;
    if (folded.startsWith(`${name}/`)) {
      const folder = member.split('/').slice(0, 2).join('/');
      return `the name ${member} lies below ${folder}, a name kept for the assessment, whatever its case`;
    }
  }
  return null;
}
