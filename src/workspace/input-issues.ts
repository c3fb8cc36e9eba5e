import type { z } from 'zod';
import { type InputIssue, InvalidInputError } from './workspace-errors.js';

/**
 * Parses a use case's input with a zod schema — the assessment file's own schemas, so that whatever
 * the server stores, `exportAssessmentYaml` writes a file `iotassure validate` accepts.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at: readonly (string | number)[],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.map((issue) => ({
    path: [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    code: 'invalid-value',
    message: `${[...at, ...issue.path].map(String).join('.') || 'value'}: ${issue.message}`,
    hint: null,
  }));
  throw new InvalidInputError(issues);
}
