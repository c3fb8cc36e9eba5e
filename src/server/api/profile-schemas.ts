/** A product's profile answers and the applicability the core derives from them. */
import { z } from 'zod';
import { expectedRevisionSchema, list } from './common-schemas.js';
import { warningSchema } from './record-schemas.js';

const answerSchema = z.boolean({ error: 'answer true, false, or null for unanswered' }).nullable();

export const putProfileBodySchema = z.strictObject({
  /** The product's revision as read. */
  expectedRevision: expectedRevisionSchema,
  /** Every answer the profile should have after the change; an absent or null answer is unanswered. */
  answers: z.record(z.string().max(100), answerSchema),
});

export const profileSchema = z
  .object({
    revision: z.number().int(),
    answers: z.record(z.string(), z.boolean()),
    /** Each question, in asking order, with the value the core resolved (gated questions are false). */
    facts: list(
      z.object({
        id: z.string(),
        question: z.string(),
        answer: z.boolean().nullable(),
        value: z.union([z.boolean(), z.literal('unknown')]),
        origin: z.enum(['answered', 'gated', 'unanswered']),
        /** Answered yes, but an earlier answer means it is not asked: it counts as no. */
        contradicted: z.boolean(),
      }),
    ),
    /** Derived applicability of every conditional requirement. */
    applicability: list(
      z.object({
        requirement: z.string(),
        kind: z.enum(['applies', 'not-applicable', 'unknown']),
        reason: z.string(),
        /** For `unknown`: the unanswered questions that would decide it. */
        missing: list(z.string()),
      }),
    ),
  })
  .meta({ id: 'Profile' });

export const putProfileResponseSchema = z.object({
  profile: profileSchema,
  /** Soft problems after the change, e.g. a recorded status the new answers contradict. */
  warnings: list(warningSchema),
});
