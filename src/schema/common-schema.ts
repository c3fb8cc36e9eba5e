import { z } from 'zod';

/** Identifiers used in data files: letters, digits and . - _ / only, so they are safe in paths, URLs and HTML ids. */
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'use letters, digits and . - _ / only');

export const noteSchema = z.strictObject({
  kind: z.enum(['note', 'defect']),
  text: z.string().min(1),
});

export const sourceDocumentSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url().optional(),
  file: z.string().min(1).optional(),
});

export const isoDateSchema = z.iso.date();
