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
  evidence: z.array(evidenceSchema),
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
  roles: z.array(stakeholderSchema),
});

const reportFrameworkSchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  version: z.string(),
  publisher: z.string(),
  publicationDate: z.string(),
  licence: z.string(),
  notes: z.array(noteSchema),
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
      mappingSet: z.object({ id: z.string(), title: z.string(), notes: z.array(noteSchema) }),
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
      topPriority: z.object({ guidelines: z.array(z.string()), allMet: z.boolean() }),
    }),
    guidelines: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        title: z.string().nullable(),
        altTitles: z.array(z.object({ title: z.string(), source: z.string() })),
        statement: z.string().nullable(),
        stakeholders: z.array(stakeholderSchema),
        topPriority: z.boolean(),
        outcome: outcomeSchema,
        reason: z.string(),
        deciding: z.array(z.string()),
        requirements: z.array(z.string()),
        counts: effectiveCounts,
        unmappedNote: z.string().nullable(),
        attestation: recordSchema.nullable(),
        notes: z.array(noteSchema),
      }),
    ),
    requirements: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        section: z.object({ id: z.string(), title: z.string() }).nullable(),
        text: z.string().nullable(),
        variants: z.array(z.object({ text: z.string(), source: z.string() })),
        guidelines: z.array(z.string()),
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
        evidence: z.array(evidenceSchema),
        assessor: z.string().nullable(),
        date: z.string().nullable(),
        notes: z.array(noteSchema),
      }),
    ),
    sections: z.array(
      z.object({
        section: z.object({ id: z.string(), title: z.string() }).nullable(),
        requirements: z.array(z.string()),
      }),
    ),
    assessors: z.array(z.object({ name: z.string(), records: z.number().int() })),
    assessmentDates: z.object({ first: z.string(), last: z.string() }).nullable(),
    profile: z.array(
      z.object({
        id: z.string(),
        question: z.string(),
        answer: z.boolean().nullable(),
        value: z.union([z.boolean(), z.literal('unknown')]),
        origin: z.enum(['answered', 'gated', 'unanswered']),
      }),
    ),
    gaps: z.array(
      z.object({
        kind: z.enum(['requirement', 'attestation']),
        id: z.string(),
        number: z.string().nullable(),
        text: z.string().nullable(),
        status: effectiveStatusSchema,
        blocks: z.array(z.string()),
        blocksTopPriority: z.boolean(),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Report' });

// Drift guards: each direction must hold, or this file does not compile.
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
type Assert<T extends true> = T;
type SchemaReport = z.infer<typeof reportSchema>;
export type ReportSchemaMatchesModel = Assert<
  Mutable<Report> extends SchemaReport ? (SchemaReport extends Mutable<Report> ? true : false) : false
>;
