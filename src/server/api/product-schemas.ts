/** Products: the portfolio, create, read, edit, archive. */
import { z } from 'zod';
import { STAKEHOLDERS } from '../../core/catalog/catalog-types.js';
import { OUTCOMES } from '../../core/outcome/outcome-types.js';
import { stakeholderSchema } from './catalog-schemas.js';
import {
  entityIdSchema,
  expectedRevisionSchema,
  humanText,
  list,
  nameText,
  pageInfoSchema,
  pageQuerySchema,
  timestampSchema,
} from './common-schemas.js';
import { evidenceItemSchema, recordStateSchema } from './record-schemas.js';
import { outcomeSchema, reportSchema } from './report-schemas.js';

export const productIdParamsSchema = z.object({ productId: entityIdSchema });

const rolesSchema = z
  .array(z.enum(STAKEHOLDERS, { error: `roles must be among: ${STAKEHOLDERS.join(', ')}` }))
  .max(STAKEHOLDERS.length)
  .refine((roles) => new Set(roles).size === roles.length, 'each role at most once');

/** The editable fields of a product; the same limits as the assessment file's `product`. */
const productFieldShapes = {
  name: nameText(200),
  model: nameText(200).nullable(),
  version: nameText(100).nullable(),
  manufacturer: nameText(200).nullable(),
  description: humanText(5000).nullable(),
  roles: rolesSchema.describe('The CoP stakeholder roles your organisation plays for this product.'),
};

export const createProductBodySchema = z.strictObject({
  name: productFieldShapes.name,
  model: productFieldShapes.model.optional(),
  version: productFieldShapes.version.optional(),
  manufacturer: productFieldShapes.manufacturer.optional(),
  description: productFieldShapes.description.optional(),
  roles: productFieldShapes.roles.default([]),
});

export const updateProductBodySchema = z
  .strictObject({
    expectedRevision: expectedRevisionSchema,
    name: productFieldShapes.name.optional(),
    model: productFieldShapes.model.optional(),
    version: productFieldShapes.version.optional(),
    manufacturer: productFieldShapes.manufacturer.optional(),
    description: productFieldShapes.description.optional(),
    roles: productFieldShapes.roles.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedRevision'), {
    message: 'give at least one field to change (name, model, version, manufacturer, description, roles)',
  });

export const revisionBodySchema = z.strictObject({ expectedRevision: expectedRevisionSchema });

export const productSchema = z
  .object({
    id: entityIdSchema,
    name: z.string(),
    model: z.string().nullable(),
    version: z.string().nullable(),
    manufacturer: z.string().nullable(),
    description: z.string().nullable(),
    roles: list(stakeholderSchema),
    /** Bumped by every change to the product's fields or profile; send it back as expectedRevision. */
    revision: z.number().int(),
    archivedAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
    /** Who created it: a user name, or an API token's name. */
    createdBy: z.string(),
    updatedAt: timestampSchema,
    updatedBy: z.string(),
  })
  .meta({ id: 'Product' });

export const portfolioQuerySchema = pageQuerySchema.extend({
  q: z.string().max(200).optional().describe('Words that must occur in the name or model (any case).'),
  manufacturer: z.string().max(200).optional().describe('Exact manufacturer (any case).'),
  archived: z
    .enum(['false', 'true', 'all'], { error: 'archived must be false, true or all' })
    .default('false')
    .describe('false (default): active products; true: archived ones; all: both.'),
  guideline: z.string().max(20).optional().describe('With `outcome`: filter on this guideline’s outcome.'),
  outcome: z.enum(OUTCOMES, { error: `outcome must be one of: ${OUTCOMES.join(', ')}` }).optional(),
  sort: z
    .enum(['name', 'updated', 'guidelines-met'], { error: 'sort must be name, updated or guidelines-met' })
    .default('name')
    .describe('name (A-Z), updated (most recent first) or guidelines-met (most first).'),
});

export const portfolioRowSchema = z
  .object({
    id: entityIdSchema,
    name: z.string(),
    model: z.string().nullable(),
    version: z.string().nullable(),
    manufacturer: z.string().nullable(),
    archivedAt: timestampSchema.nullable(),
    updatedAt: timestampSchema,
    revision: z.number().int(),
    /** Outcome per guideline id, from the evaluation stored with every write. */
    outcomes: z.record(z.string(), outcomeSchema),
    guidelinesMet: z.number().int(),
    compliantShare: z.number().nullable(),
    topPriorityMet: z.boolean(),
  })
  .meta({ id: 'PortfolioRow' });

export const portfolioSchema = z.object({
  items: list(portfolioRowSchema),
  ...pageInfoSchema.shape,
  /** Over the whole filtered set (all pages): how many products have each outcome, per guideline. */
  counts: z.record(z.string(), z.record(outcomeSchema, z.number().int())),
});

export const productDetailSchema = z
  .object({
    product: productSchema,
    /** The full report model for the product's stored state (docs/report-json.md). */
    report: reportSchema,
    /** Per requirement id with a record: its revision and who changed it last. */
    records: z.record(z.string(), recordStateSchema),
    /** Per guideline id with an attestation. */
    attestations: z.record(z.string(), recordStateSchema),
    /** Every evidence item with its id (for download and delete), beside its requirement or guideline. */
    evidence: list(evidenceItemSchema),
  })
  .meta({ id: 'ProductDetail' });
