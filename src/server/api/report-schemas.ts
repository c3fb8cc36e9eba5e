/**
 * The report model (src/core/report/report-model.ts, docs/report-json.md) as a zod schema, so the
 * product detail endpoint's response is serialised through an allow-list and documented in the
 * OpenAPI document. The type assertions at the end make this file fail to compile when the model
 * changes and this schema does not.
 */
import { z } from 'zod';
import { STATUSES } from '../../core/assessment/assessment-types.js';
import { OUTCOMES } from '../../core/outcome/outcome-types.js';
import type { Report } from '../../core/report/report-model.js';
import { noteSchema, stakeholderSchema } from './catalog-schemas.js';
import { list } from './common-schemas.js';

export const outcomeSchema = z.enum(OUTCOMES);
export const statusSchema = z.enum(STATUSES, { error: `status must be one of: ${STATUSES.join(', ')}` });
export const effectiveStatusSchema = z.enum([...STATUSES, 'applicability-unknown']);

const countsOf = <const K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K[number], z.ZodNumber>);

export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string(), sha256: z.string(), title: z.string().nullable() }),
  z.object({ kind: z.literal('url'), url: z.string(), title: z.string().nullable() }),
  z.object({ kind: z.literal('note'), text: z.string() }),
]);

export const recordSchema = z.object({
  status: statusSchema,
  justification: z.string().nullable(),
  evidence: list(evidenceSchema),
  profileOverride: z.boolean(),
  assessor: z.string().nullable(),
  date: z.string().nullable(),
});

export const productFieldsSchema = z.object({
  name: z.string(),
  model: z.string().nullable(),
  version: z.string().nullable(),
  manufacturer: z.string().nullable(),
  description: z.string().nullable(),
  roles: list(stakeholderSchema),
});

const reportFrameworkSchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  version: z.string(),
  publisher: z.string(),
  publicationDate: z.string(),
  licence: z.string(),
  notes: list(noteSchema),
  source: z.object({ title: z.string(), url: z.string().nullable() }),
});

const effectiveCounts = countsOf([...STATUSES, 'applicability-unknown']);

export const reportSchema = z
  .object({
    format: z.literal('iotassure-report'),
    formatVersion: z.literal(1),
    generatedAt: z.string(),
    tool: z.object({ name: z.string(), version: z.string() }),
    product: productFieldsSchema,
    catalog: z.object({
      source: reportFrameworkSchema,
      target: reportFrameworkSchema,
      mappingSet: z.object({ id: z.string(), title: z.string(), notes: list(noteSchema) }),
    }),
    summary: z.object({
      guidelinesTotal: z.number().int(),
      guidelinesMet: z.number().int(),
      outcomeCounts: countsOf(OUTCOMES),
      requirementsTotal: z.number().int(),
      statusCounts: effectiveCounts,
      applicableRequirements: z.number().int(),
      compliantRequirements: z.number().int(),
      compliantShare: z.number().nullable(),
      topPriority: z.object({ guidelines: list(z.string()), allMet: z.boolean() }),
    }),
    guidelines: list(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        title: z.string().nullable(),
        altTitles: list(z.object({ title: z.string(), source: z.string() })),
        statement: z.string().nullable(),
        stakeholders: list(stakeholderSchema),
        topPriority: z.boolean(),
        outcome: outcomeSchema,
        reason: z.string(),
        deciding: list(z.string()),
        requirements: list(z.string()),
        counts: effectiveCounts,
        unmappedNote: z.string().nullable(),
        attestation: recordSchema.nullable(),
        notes: list(noteSchema),
      }),
    ),
    requirements: list(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        section: z.object({ id: z.string(), title: z.string() }).nullable(),
        text: z.string().nullable(),
        variants: list(z.object({ text: z.string(), source: z.string() })),
        guidelines: list(z.string()),
        applicability: z.object({
          kind: z.enum(['always', 'applies', 'not-applicable', 'unknown']),
          reason: z.string().nullable(),
          basis: z.enum(['explicit', 'scope']).nullable(),
          quote: z.string().nullable(),
        }),
        status: effectiveStatusSchema,
        recordedStatus: statusSchema.nullable(),
        notApplicableBy: z.enum(['profile', 'assessor']).nullable(),
        contradictsProfile: z.boolean(),
        justification: z.string().nullable(),
        evidence: list(evidenceSchema),
        assessor: z.string().nullable(),
        date: z.string().nullable(),
        notes: list(noteSchema),
      }),
    ),
    sections: list(
      z.object({
        section: z.object({ id: z.string(), title: z.string() }).nullable(),
        requirements: list(z.string()),
      }),
    ),
    assessors: list(z.object({ name: z.string(), records: z.number().int() })),
    assessmentDates: z.object({ first: z.string(), last: z.string() }).nullable(),
    profile: list(
      z.object({
        id: z.string(),
        question: z.string(),
        answer: z.boolean().nullable(),
        value: z.union([z.boolean(), z.literal('unknown')]),
        origin: z.enum(['answered', 'gated', 'unanswered']),
      }),
    ),
    gaps: list(
      z.object({
        kind: z.enum(['requirement', 'attestation']),
        id: z.string(),
        number: z.string().nullable(),
        text: z.string().nullable(),
        status: effectiveStatusSchema,
        blocks: list(z.string()),
        blocksTopPriority: z.boolean(),
      }),
    ),
    warnings: list(z.string()),
  })
  .meta({ id: 'Report' });

// Drift guards: each direction must hold, or this file does not compile.
type Assert<T extends true> = T;
type SchemaReport = z.infer<typeof reportSchema>;
export type ReportSchemaMatchesModel = Assert<
  Report extends SchemaReport ? (SchemaReport extends Report ? true : false) : false
>;
