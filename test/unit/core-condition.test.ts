/** Three-valued (Kleene) logic over product facts: true, false and unknown (unanswered). */
import { describe, expect, it } from 'vitest';
import {
  type Condition,
  evaluateCondition,
  factsOf,
  type Truth,
} from '../../src/core/applicability/condition.js';

const U = 'unknown' as const;
const VALUES: readonly Truth[] = [true, false, U];

/** Facts p and q set to the given truths; 'unknown' means the fact is absent (unanswered). */
function facts(p: Truth, q: Truth = U, r: Truth = U): Map<string, boolean> {
  const m = new Map<string, boolean>();
  if (p !== U) m.set('p', p);
  if (q !== U) m.set('q', q);
  if (r !== U) m.set('r', r);
  return m;
}

const P: Condition = { fact: 'p' };
const Q: Condition = { fact: 'q' };
const R: Condition = { fact: 'r' };

describe('fact', () => {
  it.each([
    [true, true],
    [false, false],
    [U, U],
  ] as const)('fact p with p=%s is %s', (p, expected) => {
    expect(evaluateCondition(P, facts(p))).toBe(expected);
  });

  it('a fact nobody defined is unknown', () => {
    expect(evaluateCondition({ fact: 'nope' }, facts(true, true))).toBe(U);
  });
});

describe('not', () => {
  it.each([
    [true, false],
    [false, true],
    [U, U],
  ] as const)('not p with p=%s is %s', (p, expected) => {
    expect(evaluateCondition({ not: P }, facts(p))).toBe(expected);
  });

  it('double negation is the identity, unknown included', () => {
    for (const p of VALUES) expect(evaluateCondition({ not: { not: P } }, facts(p))).toBe(p);
  });
});

// Kleene truth tables, rows p, columns q.
const AND: Record<string, Truth> = {
  'true,true': true,
  'true,false': false,
  'true,unknown': U,
  'false,true': false,
  'false,false': false,
  'false,unknown': false,
  'unknown,true': U,
  'unknown,false': false,
  'unknown,unknown': U,
};
const OR: Record<string, Truth> = {
  'true,true': true,
  'true,false': true,
  'true,unknown': true,
  'false,true': true,
  'false,false': false,
  'false,unknown': U,
  'unknown,true': true,
  'unknown,false': U,
  'unknown,unknown': U,
};
const pairs = VALUES.flatMap((p) => VALUES.map((q) => [p, q] as const));

describe('all (and)', () => {
  it.each(pairs)('all [p=%s, q=%s]', (p, q) => {
    expect(evaluateCondition({ all: [P, Q] }, facts(p, q))).toBe(AND[`${p},${q}`]);
  });

  it('a false operand decides all even when it comes after an unknown', () => {
    expect(evaluateCondition({ all: [P, Q, R] }, facts(U, U, false))).toBe(false);
  });

  it('all over three operands: unknown only if none is false and one is unknown', () => {
    expect(evaluateCondition({ all: [P, Q, R] }, facts(true, true, true))).toBe(true);
    expect(evaluateCondition({ all: [P, Q, R] }, facts(true, U, true))).toBe(U);
  });

  it('an empty all is true (vacuous)', () => {
    expect(evaluateCondition({ all: [] }, facts(U))).toBe(true);
  });
});

describe('any (or)', () => {
  it.each(pairs)('any [p=%s, q=%s]', (p, q) => {
    expect(evaluateCondition({ any: [P, Q] }, facts(p, q))).toBe(OR[`${p},${q}`]);
  });

  it('a true operand decides any even when it comes after an unknown', () => {
    expect(evaluateCondition({ any: [P, Q, R] }, facts(U, U, true))).toBe(true);
  });

  it('any over three operands: unknown only if none is true and one is unknown', () => {
    expect(evaluateCondition({ any: [P, Q, R] }, facts(false, false, false))).toBe(false);
    expect(evaluateCondition({ any: [P, Q, R] }, facts(false, U, false))).toBe(U);
  });

  it('an empty any is false', () => {
    expect(evaluateCondition({ any: [] }, facts(U))).toBe(false);
  });
});

describe('nested conditions', () => {
  // p and (q or not r) — like "ip-network and (cloud or mobile-app)" with a negation.
  const nested: Condition = { all: [P, { any: [Q, { not: R }] }] };

  it.each([
    [true, true, U, true],
    [true, U, false, true],
    [true, U, true, U],
    [true, false, true, false],
    [false, U, U, false],
    [U, true, U, U],
    [U, false, true, false],
  ] as const)('p=%s q=%s r=%s gives %s', (p, q, r, expected) => {
    expect(evaluateCondition(nested, facts(p, q, r))).toBe(expected);
  });

  it('De Morgan holds in three-valued logic', () => {
    for (const [p, q] of pairs) {
      const f = facts(p, q);
      expect(evaluateCondition({ not: { all: [P, Q] } }, f)).toBe(
        evaluateCondition({ any: [{ not: P }, { not: Q }] }, f),
      );
      expect(evaluateCondition({ not: { any: [P, Q] } }, f)).toBe(
        evaluateCondition({ all: [{ not: P }, { not: Q }] }, f),
      );
    }
  });
});

describe('factsOf', () => {
  it('lists every fact once, in first-mention order', () => {
    expect(factsOf({ all: [Q, { any: [P, { not: Q }] }, R, P] })).toEqual(['q', 'p', 'r']);
    expect(factsOf(P)).toEqual(['p']);
    expect(factsOf({ not: { any: [] } })).toEqual([]);
  });
});
