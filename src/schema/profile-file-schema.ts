import { z } from 'zod';
import { idSchema } from './common-schema.js';
import { conditionSchema } from './condition-schema.js';

export const factsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('facts'),
    id: idSchema,
    title: z.string().min(1),
    facts: z
      .array(
        z.strictObject({
          id: idSchema,
          question: z.string().min(1),
          help: z.string().min(1),
          askWhen: conditionSchema.nullable().default(null),
          whenTrue: z.string().min(1),
          whenFalse: z.string().min(1),
        }),
      )
      .min(1),
  })
  .meta({
    title: 'iotassure product facts file',
    description: 'The questions that make up a product profile.',
  });

export const applicabilityFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('applicability'),
    id: idSchema,
    framework: idSchema,
    facts: idSchema,
    notes: z.array(z.string().min(1)).default([]),
    rules: z.array(
      z.strictObject({
        item: idSchema,
        when: conditionSchema,
        basis: z.enum(['explicit', 'scope']),
        quote: z.string().min(1),
      }),
    ),
  })
  .meta({
    title: 'iotassure applicability file',
    description: 'Conditions, over product facts, under which items of a framework apply.',
  });
