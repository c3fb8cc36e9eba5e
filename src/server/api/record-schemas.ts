/**
 * Requirement records, guideline attestations and their evidence. Each record has its own
 * revision: two people editing different requirements never collide, two editing the same one do
 * (409 with the current record).
 */
import { z } from 'zod';
import {
  entityIdSchema,
  expectedRevisionSchema,
  humanText,
  list,
  nameText,
  timestampSchema,
} from './common-schemas.js';
import { outcomeSchema, statusSchema } from './report-schemas.js';

export const requirementParamsSchema = z.object({
  productId: entityIdSchema,
  requirementId: z.string().min(1).max(40).describe('A requirement id, e.g. 2.4.7.13 (see the catalog).'),
});

export const guidelineParamsSchema = z.object({
  productId: entityIdSchema,
  guidelineId: z.string().min(1).max(20).describe('A guideline id, e.g. 10.'),
});

export const putRecordBodySchema = z.strictObject({
  /** The record's revision as read; 0 when it has no record yet. */
  expectedRevision: expectedRevisionSchema,
  status: statusSchema,
  justification: humanText(10_000).nullable().default(null),
  profileOverride: z.boolean().default(false),
  assessor: nameText(200).nullable().default(null),
  date: z.iso
    .date({ error: 'date must be a real calendar date written YYYY-MM-DD' })
    .nullable()
    .default(null),
});

export const recordStateSchema = z
  .object({
    revision: z.number().int(),
    status: statusSchema,
    justification: z.string().nullable(),
    profileOverride: z.boolean(),
    assessor: z.string().nullable(),
    date: z.string().nullable(),
    updatedAt: timestampSchema,
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'RecordState' });

/** A rule the product's state now breaks softly (e.g. a status that contradicts the profile). */
export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().nullable(),
  /** Where, in the terms of an assessment file: requirements.2.4.7.13.status, profile.wps. */
  path: z.string(),
});

export const putRecordResponseSchema = z.object({
  /** What was written: the requirement or guideline, with the catalog's id. */
  target: z.object({ kind: z.enum(['requirement', 'guideline']), id: z.string() }),
  record: recordStateSchema,
  warnings: list(warningSchema),
  /** Guideline outcomes after the change, per guideline id. */
  outcomes: z.record(z.string(), outcomeSchema),
});

/** Where an evidence item belongs: a requirement, or a guideline's attestation. */
export const evidenceTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('requirement'), id: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('guideline'), id: z.string().min(1).max(20) }),
]);

export const evidenceItemSchema = z
  .object({
    id: entityIdSchema,
    target: evidenceTargetSchema,
    kind: z.enum(['file', 'url', 'note']),
    title: z.string().nullable(),
    url: z.string().nullable(),
    text: z.string().nullable(),
    file: z
      .object({
        sha256: z.string(),
        filename: z.string(),
        /** Sniffed from the content, never taken from the upload's claim. */
        mediaType: z.string(),
        size: z.number().int(),
      })
      .nullable(),
    createdAt: timestampSchema,
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'EvidenceItem' });

export const evidenceParamsSchema = z.object({ productId: entityIdSchema, evidenceId: entityIdSchema });

/** A link or a note (files are uploaded with multipart to …/evidence/files). */
export const addEvidenceBodySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('url'),
      target: evidenceTargetSchema,
      url: z
        .url({ protocol: /^https?$/, error: 'url must be an http or https address' })
        .max(2000, 'url must be at most 2000 characters'),
      title: nameText(300).nullable().default(null),
    }),
    z.strictObject({ kind: z.literal('note'), target: evidenceTargetSchema, text: humanText(10_000) }),
  ],
  { error: 'kind must be url or note (upload files to …/evidence/files)' },
);
