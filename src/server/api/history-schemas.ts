/** The append-only audit trail of a product. */
import { z } from 'zod';
import { entityIdSchema, list, pageInfoSchema, pageQuerySchema, timestampSchema } from './common-schemas.js';

export const historyQuerySchema = pageQuerySchema.extend({
  requirement: z.string().max(40).optional().describe('Only events about this requirement id.'),
  guideline: z.string().max(20).optional().describe('Only events about this guideline’s attestation.'),
});

export const historyEventSchema = z
  .object({
    id: z.string(),
    at: timestampSchema,
    /** Who: a user's name, or an API token's name and its creator. */
    actor: z.object({ id: entityIdSchema.nullable(), label: z.string() }),
    /** What was changed: e.g. `product.name`, `profile.mqtt`, `requirement:2.4.7.13`, `evidence:…`. */
    target: z.string(),
    action: z.string(),
    before: z.unknown().describe('The value before the change; null when it did not exist.'),
    after: z.unknown().describe('The value after the change; null when it was removed.'),
  })
  .meta({ id: 'HistoryEvent' });

export const historySchema = z.object({
  items: list(historyEventSchema).describe('Newest first.'),
  ...pageInfoSchema.shape,
});
