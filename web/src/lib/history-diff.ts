/**
 * What one audit-trail event changed, field by field: the server stores the whole value before
 * and after (a record, a product's fields, an answer); a reader wants the fields that differ.
 */
export interface FieldChange {
  /** The field that changed, or null when the value is a single one (an answer, a name). */
  readonly field: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function changesOf(before: unknown, after: unknown): FieldChange[] {
  if (isPlainObject(before) || isPlainObject(after)) {
    const b = isPlainObject(before) ? before : {};
    const a = isPlainObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((key) => !same(b[key], a[key]))
      .map((key) => ({
        field: key,
        before: before === null ? null : (b[key] ?? null),
        after: after === null ? null : (a[key] ?? null),
      }));
  }
  return same(before, after) ? [] : [{ field: null, before, after }];
}
