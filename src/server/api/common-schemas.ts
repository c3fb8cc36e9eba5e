/**
 * Schemas shared by every route of the API: the uniform error body, identifiers, paging and the
 * strings people type. Each route's params, query, body and responses are zod schemas; the same
 * schemas validate requests, serialise responses (so no field leaves the server unless a schema
 * lists it) and generate the OpenAPI document at /api/openapi.json. Request bodies are strict
 * objects: a misspelt field is refused with its name, never silently dropped.
 */
import { z } from 'zod';

/** The body of every 4xx/5xx answer: a stable code, a sentence for people, and optional details. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code; see docs/api.md, "Errors".'),
      message: z.string().describe('What went wrong and how to fix it, for people.'),
      details: z
        .unknown()
        .optional()
        .describe(
          'Extra structured information: field problems for a 400, the current state for a 409, the wait for a 429.',
        ),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One problem with one field of a request, as listed in `details.issues` of a 400. */
export const fieldIssueSchema = z.object({
  /** Where, as a readable path: `body.product.name`, `query.page`, `params.productId`. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/**
 * Text a person types into a field: trimmed, not blank, no control characters other than new
 * lines and tabs (they would corrupt terminals and logs that show it later).
 */
export const humanText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s), {
      message: 'must not contain control characters',
    });

/** A single-line name (no line breaks). */
export const nameText = (max: number) =>
  humanText(max).refine((s) => !/[\r\n\t]/.test(s), { message: 'must be a single line' });

/** Server-generated ids (products, users, tokens, evidence) as they appear in paths. */
export const entityIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id (letters, digits, - and _ only)');

/** An ISO 8601 timestamp in UTC, as the server writes them. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** A positive whole number in a query string (`?page=2`). */
const queryInt = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

export const pageQuerySchema = z.object({
  page: queryInt(1, 1_000_000, 1).describe('1-based page number.'),
  pageSize: queryInt(1, 200, 50).describe('Items per page (1-200).'),
});

export const pageInfoSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('Items matching the query, over all pages.'),
});

/**
 * The revision the client read; a write based on an older one is refused with 409 and the current
 * state, so two people editing the same thing never silently overwrite each other.
 */
export const expectedRevisionSchema = z
  .number({ error: 'expectedRevision must be a whole number: the revision you read' })
  .int('expectedRevision must be a whole number')
  .min(0, 'expectedRevision must be 0 or more');

/**
 * An array whose parsed value is readonly: the workspace hands out readonly lists, and request
 * handlers never modify what they were sent.
 */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const noContentSchema = z.null().describe('No content.');
