/**
 * Conditions over product facts, evaluated in three-valued logic: an unanswered fact makes a
 * condition `unknown` unless the other operands already decide it. This is what lets the engine
 * say "applicability unknown" instead of silently guessing.
 */

export type Condition =
  | { readonly fact: string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export type Truth = true | false | 'unknown';

/** Fact answers: true, false, or absent (unanswered). */
export type FactValues = ReadonlyMap<string, boolean>;

export function evaluateCondition(condition: Condition, facts: FactValues): Truth {
  if ('fact' in condition) {
    const value = facts.get(condition.fact);
    return value === undefined ? 'unknown' : value;
  }
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, facts);
    return inner === 'unknown' ? 'unknown' : !inner;
  }
  if ('all' in condition) {
    let sawUnknown = false;
    for (const part of condition.all) {
      const value = evaluateCondition(part, facts);
      if (value === false) return false;
      if (value === 'unknown') sawUnknown = true;
    }
    return sawUnknown ? 'unknown' : true;
  }
  let sawUnknown = false;
  for (const part of condition.any) {
    const value = evaluateCondition(part, facts);
    if (value === true) return true;
    if (value === 'unknown') sawUnknown = true;
  }
  return sawUnknown ? 'unknown' : false;
}

/** Every fact id a condition mentions, in first-mention order. */
export function factsOf(condition: Condition): string[] {
  const seen = new Set<string>();
  const walk = (c: Condition): void => {
    if ('fact' in c) seen.add(c.fact);
    else if ('not' in c) walk(c.not);
    else for (const part of 'all' in c ? c.all : c.any) walk(part);
  };
  walk(condition);
  return [...seen];
}
