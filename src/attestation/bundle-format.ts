/**
 * The attestation bundle format (docs/attestation.md): one plain POSIX ustar file whose first
 * member is the manifest, the second its Ed25519 signature, then the files the manifest lists.
 * The limits are what the verifier accepts; the writer refuses to make a bundle that breaks them,
 * so every bundle iotassure writes is one it can verify.
 */

export const BUNDLE_FORMAT = 'iotassure-attestation';
export const BUNDLE_FORMAT_VERSION = 1;

export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.sig';

/** Where the files of each role live in the bundle. Reports are at the root. */
export const REPORT_HTML_NAME = 'report.html';
export const REPORT_JSON_NAME = 'report.json';
/**
 * The assessment and its evidence, laid out as in the assessment's own folder: the assessment as
 * assessment/assessment.yaml (or .json) and each evidence file at assessment/ + its path relative
 * to that folder. So the extracted assessment finds its evidence where it recorded it, and
 * `iotassure validate DIR/assessment/assessment.yaml` checks it again as it stands.
 */
export const ASSESSMENT_FOLDER = 'assessment';
/** The assessment's name in its folder, by its syntax (the original file name is not kept). */
export const ASSESSMENT_FILE_NAMES = { yaml: 'assessment.yaml', json: 'assessment.json' } as const;
export type AssessmentSyntax = keyof typeof ASSESSMENT_FILE_NAMES;

export const FILE_ROLES = ['assessment', 'report', 'evidence'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

const MiB = 1024 * 1024;

export const LIMITS = {
  /** A manifest lists at most MAX_MEMBERS files of a few hundred bytes each. */
  manifestBytes: 1 * MiB,
  /** The signature member is 89 bytes; anything much larger is not one. */
  signatureBytes: 1024,
  /** Members in the tar, the manifest and signature included. */
  members: 10_000,
  /** The sum of all members' sizes. */
  totalBytes: 4 * 1024 * MiB,
  /** A member's name, in UTF-8 bytes, and one folder or file name within it (the usual file system limit). */
  nameBytes: 1024,
  segmentBytes: 255,
} as const;
