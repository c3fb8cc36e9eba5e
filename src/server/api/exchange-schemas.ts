/** Assessment files in and out (YAML import/export) and report downloads. */
import { z } from 'zod';
import { REPORT_FORMATS } from '../../renderers/renderer.js';
import { list } from './common-schemas.js';
import { productSchema } from './product-schemas.js';

export const reportQuerySchema = z.object({
  format: z
    .enum(REPORT_FORMATS, { error: `format must be one of: ${REPORT_FORMATS.join(', ')}` })
    .describe('Any format of `iotassure report --format`.'),
});

/** One problem found in an imported assessment file, located like `iotassure validate` does. */
export const importDiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  hint: z.string().nullable(),
  /** Where in the document, e.g. requirements.2.4.7.13.status; empty for the whole file. */
  path: z.string(),
  /** Where in the YAML file, 1-based; null for file-level problems. */
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

export const importResultSchema = z.object({
  product: productSchema,
  /** Warnings about the file (errors refuse the import with 400 and the same list in details). */
  warnings: list(importDiagnosticSchema),
});
