import { z } from 'zod';
import { RATIONALES, RELATIONSHIPS, STAKEHOLDERS } from '../core/catalog/catalog-types.js';
import { idSchema, isoDateSchema, noteSchema, sourceDocumentSchema } from './common-schema.js';

const notes = z.array(noteSchema).default([]);

export const groupSchema = z.strictObject({
  id: idSchema,
  number: z.string().min(1).nullable(),
  title: z.string().min(1),
  parent: idSchema.nullable().default(null),
  notes,
});

export const itemSchema = z.strictObject({
  id: idSchema,
  number: z.string().min(1).nullable(),
  group: idSchema.nullable(),
  title: z.string().min(1).nullable().default(null),
  text: z.string().min(1).nullable(),
  variants: z.array(z.strictObject({ text: z.string().min(1), source: z.string().min(1) })).default([]),
  altTitles: z.array(z.strictObject({ title: z.string().min(1), source: z.string().min(1) })).default([]),
  stakeholders: z.array(z.enum(STAKEHOLDERS)).default([]),
  priority: z.literal('top').nullable().default(null),
  notes,
});

export const frameworkFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('framework'),
    id: idSchema,
    title: z.string().min(1),
    shortTitle: z.string().min(1),
    version: z.string().min(1),
    publisher: z.string().min(1),
    publicationDate: isoDateSchema,
    source: sourceDocumentSchema,
    licence: z.string().min(1),
    itemLabel: z.string().min(1),
    notes,
    groups: z.array(groupSchema),
    items: z.array(itemSchema).min(1),
  })
  .meta({ title: 'iotassure framework file', description: 'A framework: groups and items with provenance.' });

export const provenanceSchema = z.strictObject({
  document: z.string().min(1),
  table: z.string().min(1).nullable().default(null),
  row: z.int().positive().nullable().default(null),
  line: z.int().positive().nullable().default(null),
  text: z.string().nullable().default(null),
  notes,
});

export const mappingFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal('mapping-set'),
    id: idSchema,
    title: z.string().min(1),
    sourceFramework: idSchema,
    targetFramework: idSchema,
    source: sourceDocumentSchema.extend({ publisher: z.string().min(1), date: isoDateSchema }),
    notes,
    links: z.array(
      z.strictObject({
        source: idSchema,
        target: idSchema,
        relationship: z.enum(RELATIONSHIPS),
        rationale: z.enum(RATIONALES).nullable().default(null),
        strength: z.int().min(0).max(10).nullable().default(null),
        provenance: provenanceSchema,
      }),
    ),
    unmappedTargets: z
      .array(z.strictObject({ target: idSchema, note: z.string().min(1), provenance: provenanceSchema }))
      .default([]),
  })
  .meta({
    title: 'iotassure mapping-set file',
    description: 'Links from items of one framework to another.',
  });

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;
export type MappingFile = z.infer<typeof mappingFileSchema>;
