/**
 * The manifest: what a bundle attests, signed byte for byte. The schema is strict (no unknown
 * keys) because every field a verifier shows must have been covered by the signature and be
 * understood; a newer format version is refused by name rather than half-read.
 */
import { z } from 'zod';
import { OUTCOMES } from '../core/outcome/outcome-types.js';
import {
  ASSESSMENT_FOLDER,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  FILE_ROLES,
  type FileRole,
  LIMITS,
  MANIFEST_NAME,
  SIGNATURE_NAME,
} from './bundle-format.js';
import {
  ASSESSMENT_MEMBER_NAMES,
  assessmentNameClash,
  foldedName,
  memberNameProblem,
} from './member-name.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal characters');
/** Names and titles: bounded. They are shown through printable(), so control characters are harmless. */
const label = (max: number) => z.string().min(1).max(max);
const optionalLabel = (max: number) => label(max).nullable();

export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * Why a file cannot have `role` at `path`, or null. The roles partition the bundle: the assessment
 * is one of its two names, evidence is under assessment/ beside it, reports are at the top. So the
 * role says where a file is extracted, and nothing else can be placed beside the assessment.
 */
function rolePlaceProblem(role: FileRole, path: string): string | null {
  switch (role) {
    case 'assessment':
      return ASSESSMENT_MEMBER_NAMES.includes(path)
        ? null
        : `the assessment is ${ASSESSMENT_MEMBER_NAMES.join(' or ')}`;
    case 'evidence':
      return path.startsWith(`${ASSESSMENT_FOLDER}/`)
        ? assessmentNameClash(path)
        : `evidence files are under ${ASSESSMENT_FOLDER}/, beside the assessment`;
    case 'report':
      return path.includes('/') ? 'reports are at the top of the bundle, not in a folder' : null;
  }
}

const frameworkRef = z.strictObject({
  id: label(100),
  title: label(500),
  version: label(100),
});

export const manifestFileSchema = z.strictObject({
  path: z.string().superRefine((path, ctx) => {
    const problem = memberNameProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    if (path === MANIFEST_NAME || path === SIGNATURE_NAME)
      ctx.addIssue({ code: 'custom', message: `${path} cannot be listed in the manifest` });
  }),
  role: z.enum(FILE_ROLES),
  size: z.number().int().min(0).max(LIMITS.totalBytes),
  sha256,
});

export const manifestSchema = z
  .strictObject({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    createdAt: z.iso.datetime(),
    signer: z.strictObject({
      name: label(200),
      publicKey: z.string().max(1000).startsWith('-----BEGIN PUBLIC KEY-----'),
      fingerprint: z.string().regex(FINGERPRINT_PATTERN),
    }),
    tool: z.strictObject({ name: label(100), version: label(100) }),
    catalog: z.strictObject({
      source: frameworkRef,
      target: frameworkRef,
      mappingSet: z.strictObject({ id: label(100), title: label(500) }),
      /** SHA-256 of each catalog data file, by path relative to the data folder. */
      dataFiles: z.array(z.strictObject({ path: label(300), sha256 })).max(1000),
    }),
    product: z.strictObject({
      name: label(500),
      model: optionalLabel(500),
      version: optionalLabel(500),
      manufacturer: optionalLabel(500),
    }),
    summary: z.strictObject({
      guidelinesMet: z.number().int().min(0),
      guidelinesTotal: z.number().int().min(0),
      guidelines: z
        .array(
          z.strictObject({
            id: label(100),
            number: optionalLabel(20),
            title: optionalLabel(500),
            outcome: z.enum(OUTCOMES),
          }),
        )
        .max(1000),
    }),
    files: z
      .array(manifestFileSchema)
      .min(1)
      .max(LIMITS.members - 2),
  })
  .superRefine((m, ctx) => {
    if (m.summary.guidelinesMet > m.summary.guidelinesTotal)
      ctx.addIssue({ code: 'custom', path: ['summary'], message: 'more guidelines met than there are' });
    const seen = new Set<string>();
    const folders = new Set<string>();
    let total = 0;
    m.files.forEach((f, i) => {
      const key = foldedName(f.path);
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `${f.path} is listed twice` });
      seen.add(key);
      const parts = key.split('/');
      for (let n = 1; n < parts.length; n++) folders.add(parts.slice(0, n).join('/'));
      const misplaced = rolePlaceProblem(f.role, f.path);
      if (misplaced)
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'role'],
          message: `${f.path} cannot have the role ${f.role}: ${misplaced}`,
        });
      total += f.size;
    });
    for (const [i, f] of m.files.entries()) {
      if (folders.has(foldedName(f.path)))
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'path'],
          message: `${f.path} is both a file and a folder`,
        });
    }
    if (m.files.filter((f) => f.role === 'assessment').length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: 'exactly one file must have the role assessment',
      });
    if (total > LIMITS.totalBytes)
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'the files add up to more than the limit' });
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export type ManifestParse =
  | { readonly ok: true; readonly manifest: Manifest }
  | { readonly ok: false; readonly problem: string };

/**
 * Parses manifest bytes (at most LIMITS.manifestBytes); the problem is worded for a
 * person ("not valid JSON at …", "files.3.sha256: …").
 */
export function parseManifest(bytes: Uint8Array): ManifestParse {
  if (bytes.byteLength > LIMITS.manifestBytes)
    return {
      ok: false,
      problem: `${bytes.byteLength} bytes, over the ${LIMITS.manifestBytes}-byte limit for a manifest`,
    };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, problem: `not valid UTF-8 JSON (${(error as Error).message})` };
  }
  const head = value as { format?: unknown; formatVersion?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.format !== BUNDLE_FORMAT)
    return { ok: false, problem: `not an iotassure attestation manifest (no "format": "${BUNDLE_FORMAT}")` };
  if (head.formatVersion !== BUNDLE_FORMAT_VERSION)
    return {
      ok: false,
      problem: `format version ${JSON.stringify(head.formatVersion)}; this iotassure reads version ${BUNDLE_FORMAT_VERSION} (a newer iotassure may read it)`,
    };
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    const more = parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : '';
    return { ok: false, problem: `not a valid manifest: ${issues.join('; ')}${more}` };
  }
  return { ok: true, manifest: parsed.data };
}
