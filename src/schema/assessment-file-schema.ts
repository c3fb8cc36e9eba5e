import { z } from 'zod';
import { STATUSES } from '../core/assessment/assessment-types.js';
import { STAKEHOLDERS } from '../core/catalog/catalog-types.js';
import { idSchema } from './common-schema.js';

/** Text a person writes: trimmed, not empty, with at least one letter or digit (not just invisible characters). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'must contain at least one letter or digit');

/**
 * One piece of evidence: exactly one of `file` (with its sha256), `url` or `note`. One object with
 * a refinement, rather than a union, so that a mistake gets a precise message instead of "invalid input".
 */
export const evidenceSchema = z
  .strictObject({
    file: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(1000, 'must be at most 1000 characters')
      .optional()
      .describe('Path of the evidence file, relative to this assessment file.'),
    sha256: z
      .string({ error: 'sha256 must be a string of 64 hexadecimal characters; quote it if it is all digits' })
      .regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hexadecimal characters (run: sha256sum FILE)')
      .optional()
      .describe('SHA-256 of the file, as printed by sha256sum.'),
    url: z
      .url({ protocol: /^https?$/, error: 'url must be an http or https address' })
      .refine(
        (u) => !/[\s\u0000-\u001f\u007f-\u009f]/.test(u),
        'url must not contain spaces or control characters',
      )
      .optional(),
    note: text(10_000).optional(),
    title: text(300).optional(),
  })
  .superRefine((e, ctx) => {
    const kinds = (['file', 'url', 'note'] as const).filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? 'evidence needs one of file, url or note'
            : `evidence has ${kinds.join(' and ')}; give one per entry`,
      });
    }
    if (e.file !== undefined && e.sha256 === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sha256'],
        message: 'a file needs its sha256 (run: sha256sum FILE)',
      });
    }
    if (e.file === undefined && e.sha256 !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'sha256 belongs with a file' });
    }
    if (e.note !== undefined && e.title !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'a note has no title; put it in the note' });
    }
  });

export const recordSchema = z.strictObject({
  status: z.enum(STATUSES, {
    error: `status must be one of: ${STATUSES.join(', ')}`,
  }),
  justification: text(10_000).optional().describe('Why this status; required when status is not-applicable.'),
  evidence: z.array(evidenceSchema).max(1000).default([]),
  profileOverride: z
    .boolean()
    .optional()
    .describe(
      'true when this status deliberately contradicts the product profile; needs a justification and silences the warning.',
    ),
  assessor: text(200).optional(),
  date: z.iso.date({ error: 'date must be a real calendar date written YYYY-MM-DD' }).optional(),
});

export const ASSESSMENT_FORMAT_VERSION = 1;

export const assessmentFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    iotassure: z.literal(ASSESSMENT_FORMAT_VERSION, {
      error: `iotassure must be ${ASSESSMENT_FORMAT_VERSION} (the assessment file format version)`,
    }),
    mappingSet: idSchema
      .optional()
      .describe('The mapping set used to report outcomes; default iotsf-cf-1.1--dcms-cop-2018.'),
    product: z.strictObject({
      name: text(200),
      model: text(200).optional(),
      version: text(100).optional(),
      manufacturer: text(200).optional(),
      description: text(5000).optional(),
      roles: z
        .array(z.enum(STAKEHOLDERS))
        .max(4)
        .refine((roles) => new Set(roles).size === roles.length, 'each role at most once')
        .default([])
        .describe('The CoP stakeholder roles your organisation plays for this product.'),
    }),
    profile: z
      .record(
        z.string(),
        z
          .boolean({
            error:
              'answer true or false, or null if not yet known (in YAML, yes and no are text, not booleans)',
          })
          .nullable(),
      )
      .default({})
      .describe(
        'Answers to the product profile questions (iotassure catalog facts); null or absent = unanswered.',
      ),
    requirements: z.record(z.string(), recordSchema).default({}),
    attestations: z
      .record(z.string(), recordSchema)
      .default({})
      .describe(
        'Guideline-level attestations, for guidelines that no requirement maps to (CoP guideline 10).',
      ),
  })
  .meta({
    title: 'iotassure assessment file',
    description: 'One product assessed against the IoTSF Compliance Framework.',
  });

export type AssessmentFile = z.infer<typeof assessmentFileSchema>;
export type RecordFile = z.infer<typeof recordSchema>;

/** Every key an assessment file may use, for "did you mean" hints on misspelt keys. */
export const ASSESSMENT_KEYS: readonly string[] = [
  ...new Set([
    ...Object.keys(assessmentFileSchema.shape),
    ...Object.keys(assessmentFileSchema.shape.product.shape),
    ...Object.keys(recordSchema.shape),
    ...Object.keys(evidenceSchema.shape),
  ]),
].filter((k) => k !== '$schema');
