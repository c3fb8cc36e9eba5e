/** The evidence files of an assessment, once each, with their names in a bundle. */
import { dirname, relative, resolve, sep } from 'node:path';
import type { Assessment } from '../core/assessment/assessment-types.js';
import { evidenceMemberName } from './member-name.js';

export interface EvidenceMember {
  /** Its path relative to the assessment's folder, with / separators. */
  readonly relativePath: string;
  /** Its name in the bundle: assessment/ + relativePath, beside the assessment member. */
  readonly member: string;
  /** Where it is on disk. */
  readonly file: string;
  /** As recorded in the assessment (and checked against the file when it was read). */
  readonly sha256: string;
}

/**
 * Every evidence file the assessment records, for requirements and guideline attestations, once
 * each however many records cite it or however its path is spelt (`a.txt`, `./a.txt`), sorted.
 */
export function evidenceMembers(assessment: Assessment, assessmentFile: string): EvidenceMember[] {
  const base = dirname(resolve(assessmentFile));
  const byMember = new Map<string, EvidenceMember>();
  for (const record of [...assessment.requirements.values(), ...assessment.attestations.values()]) {
    for (const e of record.evidence) {
      if (e.kind !== 'file') continue;
      const file = resolve(base, e.path);
      const relativePath = relative(base, file).split(sep).join('/');
      const member = evidenceMemberName(relativePath);
      if (!byMember.has(member)) byMember.set(member, { relativePath, member, file, sha256: e.sha256 });
    }
  }
  return [...byMember.values()].sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
}
